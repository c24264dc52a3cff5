"""The merchant's side of the money screen: whose screen it is, and the helpers who may watch it."""
from typing import Any

from flask import url_for

from market.auth import viewers
from market.auth.permissions import can_watch_credits, forbidden
from market.auth.principal import Principal
from market.core import audit
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import N_
from merchants.models import Merchant


def screen_of(principal: Principal) -> dict[str, Any]:
    """What the money screen page needs: the merchant shown and the stream to open."""
    merchant_id = principal.merchant_id
    if merchant_id is None or not can_watch_credits(principal, merchant_id):
        raise forbidden(N_("Trang này dành cho tiểu thương và người được tiểu thương cho xem tiền về."))
    merchant = db.session.get(Merchant, merchant_id)
    if merchant is None:
        raise AppError(404, "not_found", N_("Không tìm thấy hộ kinh doanh."))
    return {"merchant": merchant, "is_owner": principal.role == "merchant",
            "stream": url_for("live_api.credits_stream", merchant_id=merchant_id)}


def _owner(principal: Principal) -> int:
    if principal.role != "merchant" or principal.merchant_id is None:
        raise forbidden(N_("Chỉ chủ sạp được cho người khác xem tiền về."))
    return principal.merchant_id


def helpers_of(principal: Principal) -> list[viewers.MoneyViewer]:
    """The merchant's helpers ("xem tiền về"), newest first."""
    return viewers.of_merchant(_owner(principal))


def add_helper(principal: Principal, name: str) -> tuple[viewers.MoneyViewer, str]:
    """A new read-only helper and its one-time sign-in link (shown once)."""
    viewer, secret = viewers.create(_owner(principal), name, principal.label)
    audit.record(principal, "money_viewer.create", "money_viewer", viewer.id, after={"name": name})
    return viewer, url_for("live.viewer_sign_in", secret=secret, _external=True)


def revoke_helper(principal: Principal, viewer_id: int) -> viewers.MoneyViewer:
    """Take a helper's access back (their phone stops receiving at its next request)."""
    viewer = viewers.revoke(_owner(principal), viewer_id)
    audit.record(principal, "money_viewer.revoke", "money_viewer", viewer.id, after={"name": viewer.name})
    return viewer

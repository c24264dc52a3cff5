"""Setting feeds up: create, list, rotate the secret, disable. Secrets leave only once, on creation or rotation."""
import re
import secrets
from typing import Any

from sqlalchemy import select

from market.auth.permissions import require_role
from market.auth.principal import SYSTEM, Principal
from market.core.audit import record
from market.core.dbtypes import utcnow
from market.core.errors import AppError, invalid
from market.core.extensions import db
from market.feeds.models import DEFAULT_SILENCE_HOURS, PROVIDERS, BankFeed
from market.feeds.providers import ISSUED_BY_PROVIDER
from market.transactions.models import WebhookIntegration
from market.transactions.webhooks import create_integration

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")
# Words the feed API uses after /api/v1/feeds/: no feed may be called that.
RESERVED = {"deliveries", "reconciliation", "health"}
SECRET_PATTERN = re.compile(r"^[!-~]{8,128}$")


def _check(name: str, provider: str) -> None:
    if not NAME.fullmatch(name) or name.lower() in RESERVED:
        raise invalid("name", "Tên gồm 1–80 chữ cái không dấu, số, '-' hoặc '_' (không dùng tên dành riêng).")
    if provider not in PROVIDERS:
        raise invalid("provider", f"Nhà cung cấp là một trong: {', '.join(PROVIDERS)}.")


def _secret_for(provider: str, given: str | None) -> str:
    """The provider's key as given (it issues it), or a new one we make (the receiver chooses it)."""
    if provider in ISSUED_BY_PROVIDER:
        if not given:
            raise invalid("secret", "Nhà cung cấp này tự cấp khoá: hãy nhập khoá (checksum key) họ đưa.")
        if not SECRET_PATTERN.fullmatch(given):
            raise invalid("secret", "Khoá gồm 8–128 ký tự ASCII in được, không có dấu cách.")
        return given
    if given:
        raise invalid("secret", "Với nhà cung cấp này, Chợ 4.0 tự tạo khoá; đừng nhập khoá.")
    return secrets.token_urlsafe(32)


def create_feed(principal: Principal, data: dict[str, Any]) -> tuple[BankFeed, str]:
    """A new feed and the secret to give the provider (shown once)."""
    require_role(principal, "admin")
    name, provider = data["name"], data["provider"]
    _check(name, provider)
    secret = _secret_for(provider, data.get("secret"))
    integration, _ = create_integration(name, data.get("commune_code"))
    integration.secret = secret
    feed = BankFeed(integration=integration, provider=provider,
                    silence_hours=data.get("silence_hours") or DEFAULT_SILENCE_HOURS)
    db.session.add(feed)
    db.session.flush()
    commune = integration.commune_code
    record(principal, "bank_feed.create", "bank_feed", feed.id,
           after={"name": name, "provider": provider, "commune_code": commune}, commune_code=commune)
    return feed, secret


def create_feed_from_cli(name: str, provider: str, commune_code: str | None,
                         secret: str | None) -> tuple[BankFeed, str]:
    """As `create_feed`, by the system (the command line)."""
    return create_feed(SYSTEM, {"name": name, "provider": provider, "commune_code": commune_code, "secret": secret})


def visible_feeds(principal: Principal) -> list[BankFeed]:
    """Feeds the caller may see: all for admins; a commune officer's own and the province-wide ones."""
    require_role(principal, "admin", "commune")
    query = select(BankFeed).join(WebhookIntegration).order_by(WebhookIntegration.name)
    if principal.role != "admin":
        query = query.where((WebhookIntegration.commune_code == principal.commune_code)
                            | WebhookIntegration.commune_code.is_(None))
    return list(db.session.scalars(query))


def get_feed(principal: Principal, feed_id: int) -> BankFeed:
    """A feed the caller may see, or 404."""
    feed = next((feed for feed in visible_feeds(principal) if feed.id == feed_id), None)
    if feed is None:
        raise AppError(404, "not_found", f"Không tìm thấy nguồn tiền vào {feed_id}.")
    return feed


def rotate_secret(principal: Principal, feed_id: int, given: str | None) -> tuple[BankFeed, str]:
    """Replace the feed's secret (the old one stops working at once); the new one is shown once."""
    require_role(principal, "admin")
    feed = get_feed(principal, feed_id)
    feed.integration.secret = _secret_for(feed.provider, given)
    feed.rotated_at = utcnow()
    record(principal, "bank_feed.rotate", "bank_feed", feed.id, commune_code=feed.commune_code)
    return feed, feed.integration.secret


def disable(principal: Principal, feed_id: int, reason: str) -> BankFeed:
    """Stop accepting deliveries (they are refused with 401 and logged); the log stays."""
    require_role(principal, "admin")
    feed = get_feed(principal, feed_id)
    if not feed.active:
        raise invalid("active", "Nguồn này đã tắt.", 409, "already_disabled")
    feed.integration.active = False
    feed.disabled_at, feed.disabled_reason = utcnow(), reason
    record(principal, "bank_feed.disable", "bank_feed", feed.id, before={"active": True},
           after={"active": False, "reason": reason}, commune_code=feed.commune_code)
    return feed

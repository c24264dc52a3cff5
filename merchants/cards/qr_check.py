"""'Kiểm tra mã QR': what a scanned code is, and whether its account belongs to a registered merchant."""
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

import vietqr
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext, lazy_gettext
from merchants.cards import photo
from merchants.cards.render import bank_short_name
from merchants.cards.verify import mask_account
from merchants.models import Merchant, PaymentAccount
from vietqr import tlv

# Globally unique ids found in tags 26–51 of other EMVCo schemes, so the page can say which one it is.
EMV_SCHEMES = {
    "A000000677010111": lazy_gettext("PromptPay (Thái Lan)"),
    "A000000677010112": lazy_gettext("PromptPay (Thái Lan)"),
    "SG.PAYNOW": "PayNow (Singapore)",
    "BR.GOV.BCB.PIX": "Pix (Brasil)",
    "COM.P2P": "QRIS (Indonesia)",
    "A000000775": "VNPAY-QR",
}
VERDICTS = ("registered", "inactive", "not_registered", "broken", "not_vietqr")


@dataclass(frozen=True)
class QrCheck:
    """The answer shown on the check page."""

    verdict: str
    kind: str
    scheme: str
    merchant_name: str | None = None
    holder_name: str | None = None
    bank_short_name: str | None = None
    account_masked: str | None = None
    amount: int | None = None
    purpose: str | None = None
    errors: list[str] = field(default_factory=list)


def emv_scheme(payload: str) -> str:
    """The payment scheme named by the first known id in tags 26–51, else 'EMVCo khác'."""
    root = tlv.parse(payload.strip(), [])
    for tag in (f"{n:02d}" for n in range(26, 52)):
        guid = tlv.parse(root.get(tag, ""), []).get("00", "")
        name = EMV_SCHEMES.get(guid.upper())
        if name:
            return name
    return gettext("EMVCo khác")


def _registered(bin_code: str, account: str) -> list[tuple[PaymentAccount, Merchant]]:
    query = (select(PaymentAccount, Merchant).join(Merchant, PaymentAccount.merchant_id == Merchant.id)
             .where(PaymentAccount.bin == bin_code, PaymentAccount.account_number == account))
    return [(row[0], row[1]) for row in db.session.execute(query)]


def _vietqr_check(decoded: vietqr.Decoded) -> QrCheck:
    common = {"kind": "vietqr", "scheme": "VietQR", "amount": decoded.amount, "purpose": decoded.purpose,
              "bank_short_name": bank_short_name(decoded.bin) if decoded.bin else None,
              "account_masked": mask_account(decoded.account) if decoded.account else None}
    if not decoded.valid:
        return QrCheck("broken", errors=list(decoded.errors), **common)
    matches = _registered(decoded.bin or "", decoded.account or "")
    live = [(a, m) for a, m in matches if a.status == "active" and m.status == "active"]
    if live:
        account, merchant = live[0]
        return QrCheck("registered", merchant_name=merchant.display_name, holder_name=account.holder_name, **common)
    return QrCheck("inactive" if matches else "not_registered", **common)


def check_payload(text: str) -> QrCheck:
    """Classify a payload: registered VietQR, unknown account, broken VietQR, or another scheme."""
    decoded = vietqr.decode(text)
    if decoded.kind == "vietqr":
        return _vietqr_check(decoded)
    scheme = gettext("không đọc được") if decoded.kind == "invalid" else emv_scheme(text)
    return QrCheck("not_vietqr", kind=decoded.kind, scheme=scheme, errors=list(decoded.errors))


def check_photo(data: bytes) -> QrCheck:
    """Read the QR in a photo (never stored) and classify it; 422 when no QR can be read."""
    try:
        texts = photo.read_qr_texts(data)
    except photo.PhotoError as error:
        raise AppError(422, "bad_image", str(error), {"photo": [str(error)]}) from None
    if not texts:
        message = gettext("Không tìm thấy mã QR trong ảnh. Hãy chụp gần, rõ và thẳng hơn.")
        raise AppError(422, "no_qr_found", message, {"photo": [message]})
    return check_payload(texts[0])


MAX_PHOTO_BYTES = 5 * 1024 * 1024


def check_submission(payload: str | None, upload: Any) -> QrCheck:
    """Check a pasted payload or an uploaded photo (read into memory, never written anywhere)."""
    if upload is not None and upload.filename:
        data = upload.read(MAX_PHOTO_BYTES + 1)
        if len(data) > MAX_PHOTO_BYTES:
            raise AppError(
                413,
                "photo_too_large",
                gettext("Ảnh quá lớn (tối đa 5 MB)."),
                {"photo": [gettext("tối đa 5 MB")]},
            )
        return check_photo(data)
    if payload and payload.strip():
        return check_payload(payload)
    message = gettext("Dán chuỗi mã QR hoặc chọn một ảnh chụp mã QR.")
    raise AppError(400, "nothing_to_check", message, {"payload": [message], "photo": [message]})

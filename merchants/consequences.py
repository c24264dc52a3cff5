"""What a destructive action will do, said plainly before the person confirms it."""
from market.core.i18n import gettext
from merchants.cards.issue import live_card
from merchants.labels import STATUS_VI
from merchants.models import Merchant, PaymentAccount
from vietqr.banks import bank_by_bin


def _card_line(merchant_id: int, account_id: int | None = None) -> list[str]:
    card = live_card(merchant_id)
    if card is None or (account_id is not None and card.account_id != account_id):
        return []
    return [gettext("Thẻ QR %(serial)s sẽ bị thu hồi: người mua kiểm tra thẻ sẽ thấy “đã thu hồi”.",
                    serial=card.serial)]


def _undo(status: str) -> str | None:
    """How a change to `status` can be undone, if it can."""
    return {"suspended": gettext("Có thể mở lại sau: chọn “Đang hoạt động” trên trang này."),
            "active": gettext("Có thể tạm ngừng lại sau nếu cần.")}.get(status)


def status_change(merchant: Merchant, status: str) -> list[str]:
    """The consequences of moving `merchant` to `status`."""
    lines = [f"{merchant.display_name}: {STATUS_VI[merchant.status]} → {STATUS_VI[status]}."]
    if status in ("suspended", "closed"):
        lines += _card_line(merchant.id)
    if status == "closed":
        lines.append(gettext("Đóng là vĩnh viễn: không thể mở lại, không in được thẻ mới cho hộ này."))
    elif _undo(status):
        lines.append(_undo(status) or "")
    return lines


def account_removal(account: PaymentAccount) -> list[str]:
    """The consequences of removing `account`."""
    bank = bank_by_bin(account.bin)
    lines = [gettext("Tài khoản %(bank)s %(number)s (%(holder)s) sẽ được gỡ khỏi hộ kinh doanh.",
                     bank=bank.short_name if bank else account.bin, number=account.account_number,
                     holder=account.holder_name)]
    lines += _card_line(account.merchant_id, account.id)
    lines.append(gettext("Có thể khôi phục sau; tài khoản khôi phục cần người thứ hai xác nhận lại."))
    return lines


def account_restoring() -> list[str]:
    """The consequences of restoring a removed account."""
    return [gettext("Tài khoản sẽ trở lại ở trạng thái “Chờ xác nhận”."),
            gettext("Thẻ QR cũ vẫn bị thu hồi; in thẻ mới sau khi người thứ hai xác nhận.")]


def card_revocation(merchant: Merchant, reprint: bool) -> list[str]:
    """The consequences of revoking the merchant's live card (and printing a new one)."""
    lines = _card_line(merchant.id) or [gettext("Hộ này chưa có thẻ QR đang dùng.")]
    lines.append(gettext("Thẻ đã thu hồi không dùng lại được; hãy gỡ thẻ cũ khỏi sạp."))
    if reprint:
        lines.append(gettext("Một thẻ mới với số sê-ri mới được cấp ngay; tải và in thẻ mới từ trang hộ kinh doanh."))
    return lines

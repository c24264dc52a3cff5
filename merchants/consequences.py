"""What a destructive action will do, said plainly before the person confirms it."""
from merchants.cards.issue import live_card
from merchants.labels import STATUS_VI
from merchants.models import Merchant, PaymentAccount
from vietqr.banks import bank_by_bin

# Statuses that can be undone from the status page, and how.
UNDO = {"suspended": "Có thể mở lại sau: chọn “Đang hoạt động” trên trang này.",
        "active": "Có thể tạm ngừng lại sau nếu cần."}


def _card_line(merchant_id: int, account_id: int | None = None) -> list[str]:
    card = live_card(merchant_id)
    if card is None or (account_id is not None and card.account_id != account_id):
        return []
    return [f"Thẻ QR {card.serial} sẽ bị thu hồi: người mua kiểm tra thẻ sẽ thấy “đã thu hồi”."]


def status_change(merchant: Merchant, status: str) -> list[str]:
    """The consequences of moving `merchant` to `status`."""
    lines = [f"{merchant.display_name}: {STATUS_VI[merchant.status]} → {STATUS_VI[status]}."]
    if status in ("suspended", "closed"):
        lines += _card_line(merchant.id)
    if status == "closed":
        lines.append("Đóng là vĩnh viễn: không thể mở lại, không in được thẻ mới cho hộ này.")
    elif status in UNDO:
        lines.append(UNDO[status])
    return lines


def account_removal(account: PaymentAccount) -> list[str]:
    """The consequences of removing `account`."""
    bank = bank_by_bin(account.bin)
    lines = [f"Tài khoản {bank.short_name if bank else account.bin} {account.account_number} "
             f"({account.holder_name}) sẽ được gỡ khỏi hộ kinh doanh."]
    lines += _card_line(account.merchant_id, account.id)
    lines.append("Có thể khôi phục sau; tài khoản khôi phục cần người thứ hai xác nhận lại.")
    return lines


def card_revocation(merchant: Merchant, reprint: bool) -> list[str]:
    """The consequences of revoking the merchant's live card (and printing a new one)."""
    lines = _card_line(merchant.id) or ["Hộ này chưa có thẻ QR đang dùng."]
    lines.append("Thẻ đã thu hồi không dùng lại được; hãy gỡ thẻ cũ khỏi sạp.")
    if reprint:
        lines.append("Một thẻ mới với số sê-ri mới được cấp ngay; tải và in thẻ mới từ trang hộ kinh doanh.")
    return lines

"""The words of the S1a-HKD book, shared by its spreadsheet and its PDF: header, columns, rows, signature."""
from typing import Any

from market.core.filters import number_vi

COLUMNS = ("Ngày tháng", "Diễn giải", "Số tiền")
COLUMN_LETTERS = ("A", "B", "1")
TOTAL = "Tổng cộng"
SIGNATURE = ("Ngày ..... tháng ..... năm .......", "NGƯỜI ĐẠI DIỆN HỘ KINH DOANH", "(Ký, họ tên, đóng dấu nếu có)")
ACCOUNT_COLUMNS = ("Ngân hàng / ví", "Số tài khoản", "Chủ tài khoản", "Loại")
NOTHING_SENT = "Sổ do Chợ 4.0 lập từ số liệu hộ đã ghi; Chợ 4.0 không gửi sổ này cho cơ quan nào."


def header(book: dict[str, Any]) -> list[str]:
    """The lines above the title: the household, its address and (when entered) its tax code."""
    merchant, place = book["merchant"], book["address"]
    lines = [f"HỘ, CÁ NHÂN KINH DOANH: {merchant.display_name}",
             f"Địa chỉ: {place['village']}, {place['commune']}, {place['province']}"]
    if merchant.tax_code:
        lines.append(f"Mã số thuế: {merchant.tax_code}")
    return lines


def form_mark(book: dict[str, Any]) -> list[str]:
    """'Mẫu số S1a-HKD' and the circular it comes from, top right."""
    form = book["form"]
    if not form["code"]:
        return []
    return [f"Mẫu số {form['code']}", f"(Kèm theo {form['basis']})"]


def title(book: dict[str, Any]) -> tuple[str, str]:
    """The title and the period under it."""
    return (book["form"]["name"].upper(),
            f"Kỳ: {book['period']} (từ {book['start']:%d/%m/%Y} đến {book['end']:%d/%m/%Y})")


def text_rows(book: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The book's rows as printed: 'dd/mm/yyyy', the description, '1.234.567'."""
    return [(row.day.strftime("%d/%m/%Y"), row.description, number_vi(row.amount)) for row in book["rows"]]


def account_rows(book: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """The accounts to declare, one tuple per account."""
    return [(account["bank"], account["account_number"], account["holder"], account["kind"])
            for account in book["accounts"]]


def file_name(book: dict[str, Any], extension: str) -> str:
    """so-doanh-thu-12-2026.xlsx or so-doanh-thu-12-2026-q1.pdf."""
    quarter = f"-q{book['quarter']}" if book["quarter"] else ""
    return f"so-doanh-thu-{book['merchant'].id}-{book['year']}{quarter}.{extension}"

"""Check the village head's merchant list (XLSX/CSV): map headers, check every row against the file and the register."""
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from market.core.batches import commit_so_far
from market.core.extensions import db
from market.core.i18n import gettext, lazy_gettext
from market.core.spreadsheets import refusal
from market.places.models import Market, Street, Village
from merchants.imports.read import sheet_rows
from merchants.models import Merchant, PaymentAccount
from merchants.text import PhoneError, clean_name, holder_name, normalise_phone, search_key
from vietqr.banks import find_bank

# Field → accepted headers, compared folded (no accents, lower case) so "Tên cơ sở" = "Ten co so".
HEADERS: dict[str, tuple[str, ...]] = {
    "display_name": ("ten co so", "ten ho kinh doanh", "ten cua hang", "ten quan", "ten"),
    "owner_name": ("chu ho", "ho ten chu ho", "chu co so", "nguoi dai dien", "ho va ten", "ho ten"),
    "phone": ("so dien thoai", "dien thoai", "sdt", "so dt"),
    "category": ("nganh hang", "mat hang", "nganh nghe"),
    "market": ("cho", "ten cho"),
    "stall_number": ("so sap", "sap", "so ki ot", "ki ot", "so kiot"),
    "street": ("tuyen duong", "tuyen pho", "duong"),
    "house_number": ("so nha",),
    "bank": ("ngan hang", "ma ngan hang", "bin"),
    "account_number": ("so tai khoan", "stk"),
    "holder_name": ("chu tai khoan", "ten chu tai khoan", "ten tai khoan"),
}
REQUIRED = ("display_name", "owner_name")
LABELS = {
    "display_name": lazy_gettext("Tên cơ sở"),
    "owner_name": lazy_gettext("Chủ hộ"),
    "phone": lazy_gettext("Số điện thoại"),
    "category": lazy_gettext("Ngành hàng"),
    "market": lazy_gettext("Chợ"),
    "stall_number": lazy_gettext("Số sạp"),
    "street": lazy_gettext("Tuyến đường"),
    "house_number": lazy_gettext("Số nhà"),
    "bank": lazy_gettext("Ngân hàng"),
    "account_number": lazy_gettext("Số tài khoản"),
    "holder_name": lazy_gettext("Chủ tài khoản"),
}
LIMITS = {"display_name": 160, "owner_name": 120, "category": 60, "stall_number": 20, "house_number": 20}
ACCOUNT = re.compile(r"^[0-9A-Za-z]{4,19}$")
HEADER_SCAN_ROWS = 10


@dataclass
class Batch:
    """Everything known while checking one file."""

    village: Village
    markets: dict[str, int]
    streets: dict[str, int]
    errors: list[dict[str, Any]] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    accounts_seen: dict[tuple[str, str], int] = field(default_factory=dict)
    stalls_seen: dict[tuple[int, str], int] = field(default_factory=dict)

    def fail(self, row: int, name: str, message: str) -> None:
        self.errors.append({"row": row, "field": str(LABELS.get(name, name)), "message": message})


def map_headers(cells: list[str]) -> dict[str, int]:
    """Column index of each field found in a header row."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = search_key(cell)
        for name, aliases in HEADERS.items():
            if key in aliases and name not in columns:
                columns[name] = index
                break
    return columns


def _find_header(rows: Iterator[tuple[int, list[str]]]) -> dict[str, int]:
    for number, cells in rows:
        if number > HEADER_SCAN_ROWS:
            break
        columns = map_headers(cells)
        if len(columns) >= 2:
            missing = [str(LABELS[name]) for name in REQUIRED if name not in columns]
            if missing:
                raise refusal(gettext("Thiếu cột: %(columns)s.", columns=", ".join(missing)))
            return columns
    raise refusal(gettext("Không tìm thấy dòng tiêu đề (cần ít nhất các cột: Tên cơ sở, Chủ hộ)."))


def _text(batch: Batch, number: int, name: str, value: str, required: bool = False) -> str | None:
    text = clean_name(value) if value else ""
    if not text:
        if required:
            batch.fail(number, name, gettext("Không được để trống."))
        return None
    if name in LIMITS and len(text) > LIMITS[name]:
        batch.fail(number, name, gettext("Dài quá %(limit)s ký tự.", limit=LIMITS[name]))
    return text


def _phone(batch: Batch, number: int, value: str) -> str | None:
    if not value:
        return None
    # Excel drops the leading zero of a number typed as a number: 912345678 → 0912345678.
    if value.isdigit() and len(value) == 9:
        value = "0" + value
    try:
        return normalise_phone(value)
    except PhoneError as error:
        batch.fail(number, "phone", str(error))
        return None


def _place(batch: Batch, number: int, name: str, value: str, known: dict[str, int]) -> int | None:
    if not value:
        return None
    place_id = known.get(search_key(value))
    if place_id is None:
        batch.fail(number, name, gettext("Không có “%(value)s” trong xã này.", value=value))
    return place_id


def _account(batch: Batch, number: int, cells: dict[str, str], owner: str | None) -> dict[str, Any] | None:
    bank_text, account_number = cells.get("bank", ""), cells.get("account_number", "").replace(" ", "")
    if not bank_text and not account_number:
        return None
    bank = find_bank(bank_text) if bank_text else None
    if bank is None:
        batch.fail(number, "bank", gettext("Không nhận ra ngân hàng “%(bank_text)s” (BIN, mã hoặc tên viết tắt).",
                                           bank_text=bank_text)
                   if bank_text else gettext("Cần ghi ngân hàng khi có số tài khoản."))
    if not ACCOUNT.fullmatch(account_number):
        batch.fail(number, "account_number", gettext("Số tài khoản: 4–19 chữ số hoặc chữ cái."))
    holder = holder_name(cells.get("holder_name") or owner or "")
    if not holder:
        batch.fail(number, "holder_name", gettext("Cần tên chủ tài khoản."))
    if bank is None or not ACCOUNT.fullmatch(account_number) or not holder:
        return None
    key = (bank.bin, account_number)
    if key in batch.accounts_seen:
        batch.fail(
            number,
            "account_number",
            gettext("Trùng tài khoản với dòng %(row)s.", row=batch.accounts_seen[key]),
        )
        return None
    batch.accounts_seen[key] = number
    return {"bin": bank.bin, "account_number": account_number, "holder_name": holder}


def check_row(batch: Batch, number: int, cells: dict[str, str]) -> None:
    """Check one row; a valid row joins `batch.rows`, each problem joins `batch.errors`."""
    before = len(batch.errors)
    row: dict[str, Any] = {
        "display_name": _text(batch, number, "display_name", cells.get("display_name", ""), True),
        "owner_name": _text(batch, number, "owner_name", cells.get("owner_name", ""), True),
        "phone": _phone(batch, number, cells.get("phone", "")),
        "category": _text(batch, number, "category", cells.get("category", "")) or "khác",
        "market_id": _place(batch, number, "market", cells.get("market", ""), batch.markets),
        "stall_number": _text(batch, number, "stall_number", cells.get("stall_number", "")),
        "street_id": _place(batch, number, "street", cells.get("street", ""), batch.streets),
        "house_number": _text(batch, number, "house_number", cells.get("house_number", "")),
    }
    row["account"] = _account(batch, number, cells, row["owner_name"])
    _check_stall(batch, number, row)
    if len(batch.errors) == before:
        row["row"] = number
        batch.rows.append(row)


def _check_stall(batch: Batch, number: int, row: dict[str, Any]) -> None:
    if row["stall_number"] and not row["market_id"]:
        if not any(e["row"] == number and e["field"] == LABELS["market"] for e in batch.errors):
            batch.fail(number, "stall_number", gettext("Số sạp cần đi kèm cột Chợ."))
        return
    if row["stall_number"]:
        key = (row["market_id"], row["stall_number"])
        if key in batch.stalls_seen:
            batch.fail(
                number, "stall_number", gettext("Trùng số sạp với dòng %(row)s.", row=batch.stalls_seen[key])
            )
        batch.stalls_seen.setdefault(key, number)


def check_against_register(batch: Batch) -> None:
    """Accounts and stalls already in the register (for another merchant) are refused per row."""
    numbers = sorted({number for _, number in batch.accounts_seen})
    taken: dict[tuple[str, str], str] = {}
    for start in range(0, len(numbers), 500):
        query = (select(PaymentAccount.bin, PaymentAccount.account_number, Merchant.display_name)
                 .join(Merchant).where(PaymentAccount.account_number.in_(numbers[start:start + 500]),
                                       PaymentAccount.status != "removed"))
        taken.update({(bin_, acc): name for bin_, acc, name in db.session.execute(query)})
    stalls = {(m, s): name for m, s, name in db.session.execute(
        select(Merchant.market_id, Merchant.stall_number, Merchant.display_name).where(
            Merchant.market_id.in_(set(batch.markets.values())), Merchant.stall_number.is_not(None)))}
    for row in list(batch.rows):
        problems = _register_clashes(row, taken, stalls)
        for name, message in problems:
            batch.fail(row["row"], name, message)
        if problems:
            batch.rows.remove(row)


def _register_clashes(row: dict[str, Any], taken: dict[tuple[str, str], str],
                      stalls: dict[tuple[int, str], str]) -> list[tuple[str, str]]:
    problems = []
    account = row["account"]
    if account and (account["bin"], account["account_number"]) in taken:
        owner = taken[(account["bin"], account["account_number"])]
        problems.append(
            ("account_number", gettext("Tài khoản đã được đăng ký cho “%(owner)s”.", owner=owner))
        )
    if row["stall_number"] and (row["market_id"], row["stall_number"]) in stalls:
        owner = stalls[(row["market_id"], row["stall_number"])]
        problems.append(("stall_number", gettext("Sạp đã thuộc về “%(owner)s”.", owner=owner)))
    return problems


def _batch(village: Village) -> Batch:
    def names(model: type[Market] | type[Street]) -> dict[str, int]:
        rows = db.session.execute(select(model.name, model.id).where(model.commune_code == village.commune_code))
        return {search_key(name): ident for name, ident in rows}
    return Batch(village=village, markets=names(Market), streets=names(Street))


def check_file(village: Village, filename: str, data: bytes) -> Batch:
    """Read and check every row of a file; nothing is written."""
    rows = enumerate(sheet_rows(filename, data), start=1)
    columns = _find_header(rows)
    batch = _batch(village)
    commit_so_far()  # checking 20,000 rows takes seconds: SQLite's write lock stays free meanwhile
    for number, cells in rows:
        values = {name: cells[index] if index < len(cells) else "" for name, index in columns.items()}
        if any(values.values()):
            check_row(batch, number, values)
    if not batch.rows and not batch.errors:
        raise refusal(gettext("Tệp không có dòng dữ liệu nào."))
    check_against_register(batch)
    batch.errors.sort(key=lambda error: error["row"])
    return batch

"""The revenue book (S1a-HKD), the accounts to declare, the threshold meter and the tax code on the book."""
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from market.auth.principal import Principal
from market.core.audit import record
from market.core.clock import local_day, today
from market.core.errors import invalid
from market.core.extensions import db
from market.core.i18n import N_
from merchants.books import thresholds
from merchants.books.access import open_books
from merchants.books.periods import book_period, period_label
from merchants.books.revenue import daily_revenue, revenue_total
from merchants.models import Merchant
from vietqr.banks import bank_by_bin

# A business tax code: 10 digits, or 10-3 for a dependent unit. A 12-digit personal number is an ID-card
# number, which Chợ 4.0 never stores (the merchant writes it by hand on the printed book).
TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")
# Kept in Vietnamese for the legal form; pages show them with the `translated` filter.
ACCOUNT_KIND_VI = {"bank_account": N_("Tài khoản ngân hàng"), "card": N_("Thẻ"), "ewallet": N_("Ví điện tử")}


def first_year(merchant: Merchant) -> int:
    """The year the merchant was registered: its book starts there."""
    return local_day(merchant.created_at).year


def address(merchant: Merchant) -> dict[str, str]:
    """Village, commune and province as the book's header prints them."""
    commune = merchant.village.commune
    return {"village": merchant.village.name, "commune": commune.full_name,
            "province": commune.province.full_name}


def declared_accounts(merchant: Merchant) -> list[dict[str, str]]:
    """The business accounts to declare: every confirmed account, even one disabled or removed since."""
    rows = []
    for account in merchant.accounts:
        if account.verified_at is None and account.status != "active":
            continue
        bank = bank_by_bin(account.bin)
        rows.append({"bank": bank.name if bank else account.bin, "account_number": account.account_number,
                     "holder": account.holder_name, "kind": ACCOUNT_KIND_VI.get(account.kind, account.kind)})
    return rows


def revenue_book(principal: Principal, merchant_id: int, year: int, quarter: int | None,
                 what: str = "revenue-book") -> dict[str, Any]:
    """Everything the S1a-HKD book shows for a year or a quarter (an empty book has a zero total)."""
    merchant = open_books(principal, merchant_id, f"{what} {period_label(year, quarter)}")
    start, end = book_period(year, quarter, first_year(merchant))
    rows = daily_revenue(merchant.id, start, end)
    return {"merchant": merchant, "address": address(merchant), "form": thresholds.book_form(start),
            "period": period_label(year, quarter), "start": start, "end": end, "year": year, "quarter": quarter,
            "rows": rows, "total": sum(row.amount for row in rows), "accounts": declared_accounts(merchant),
            "printed_on": today()}


def set_tax_code(principal: Principal, merchant_id: int, tax_code: str | None) -> Merchant:
    """Enter, change or clear the tax code printed on the book (audited)."""
    merchant = open_books(principal, merchant_id, "tax-code")
    cleaned = (tax_code or "").strip() or None
    if cleaned is not None and not TAX_CODE.fullmatch(cleaned):
        raise invalid("tax_code", N_("Mã số thuế gồm 10 chữ số (hoặc 10 chữ số, gạch ngang, 3 chữ số). "
                                  "Không nhập số căn cước công dân."))
    before = {"tax_code": merchant.tax_code}
    merchant.tax_code = cleaned
    db.session.flush()
    record(principal, "merchant.tax_code", "merchant", merchant.id, before=before, after={"tax_code": cleaned},
           commune_code=merchant.village.commune_code)
    return merchant


@dataclass(frozen=True)
class Meter:
    """The year so far against the thresholds in force."""

    year: int
    so_far: int
    projection: int
    lines: list[dict[str, Any]]


def meter(merchant_id: int, day: date | None = None) -> Meter:
    """Revenue from 1 January to `day` (today), the full-year projection at that pace, and each threshold."""
    day = day or today()
    start = date(day.year, 1, 1)
    so_far = revenue_total(merchant_id, start, day)
    days_in_year = (date(day.year, 12, 31) - start).days + 1
    projection = so_far * days_in_year // ((day - start).days + 1)
    lines = [{"name": level.name, "amount": level.amount, "basis": level.basis,
              "share": min(projection / level.amount, 1.0), "sentence": level.sentence(projection)}
             for level in thresholds.thresholds_on(day)]
    return Meter(day.year, so_far, projection, lines)


def read_meter(principal: Principal, merchant_id: int) -> Meter:
    """The meter of a merchant whose books the caller may open."""
    open_books(principal, merchant_id, "meter")
    return meter(merchant_id)

"""Which merchant a credit belongs to: the payment code in the memo, else the account number."""
from sqlalchemy import select

from market.core.extensions import db
from market.transactions.webhooks import find_account
from merchants.models import Merchant, PaymentAccount
from merchants.payment_codes import codes_in
from vietqr.banks import find_bank


def bank_bin(bank: str | None) -> str | None:
    """The BIN of a bank named by BIN, code or short name (as providers name it), when we know it."""
    found = find_bank(bank) if bank else None
    return found.bin if found else None


def merchant_by_code(content: str | None) -> int | None:
    """The one active merchant whose payment code is in the memo (two different codes: no match)."""
    codes = codes_in(content)
    if not codes:
        return None
    ids = list(db.session.scalars(select(Merchant.id).where(
        Merchant.payment_code.in_(codes), Merchant.is_active).limit(2)))
    return ids[0] if len(ids) == 1 else None


def account_of(merchant_id: int, account_number: str) -> int | None:
    """The merchant's own registered account with this number, if the money reached one."""
    return db.session.scalar(select(PaymentAccount.id).where(
        PaymentAccount.merchant_id == merchant_id, PaymentAccount.account_number == account_number,
        PaymentAccount.status != "removed").limit(1))


def match(content: str | None, account_number: str, bin: str | None) -> tuple[int, int | None] | None:
    """(merchant id, account id or None) for a credit, or None when it must wait for review."""
    merchant_id = merchant_by_code(content)
    if merchant_id is not None:
        return merchant_id, account_of(merchant_id, account_number)
    account = find_account({"account_number": account_number, "bin": bin})
    return (account.merchant_id, account.id) if account is not None else None

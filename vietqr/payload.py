"""VietQR (NAPAS247) payloads: encode a transfer request; the limits NAPAS sets on one."""

from vietqr.banks import bank_by_bin
from vietqr.crc import crc16_hex
from vietqr.text import fold

__all__ = [
    "MAX_AMOUNT",
    "AccountError",
    "AmountError",
    "BinError",
    "PurposeError",
    "ServiceError",
    "VietQRError",
    "encode",
]

NAPAS_GUID = "A000000727"
VNPAY_GUID = "A000000775"
SERVICES = ("QRIBFTTA", "QRIBFTTC")
MAX_AMOUNT = 500_000_000  # NAPAS247 per-transfer ceiling, exclusive
MAX_PURPOSE = 25
MAX_ACCOUNT = 19



class VietQRError(ValueError):
    """Input that cannot be encoded; `field` names the offending argument."""

    field: str = ""


class BinError(VietQRError):
    """The BIN is malformed or not in the bank directory."""

    field = "bin"


class AccountError(VietQRError):
    """The account or card number is malformed."""

    field = "account"


class AmountError(VietQRError):
    """The amount is not an integer number of VND in the allowed range."""

    field = "amount"


class PurposeError(VietQRError):
    """The purpose (memo) is not text or too long once folded to ASCII."""

    field = "purpose"


class ServiceError(VietQRError):
    """The service code is neither QRIBFTTA nor QRIBFTTC."""

    field = "service"


def encode(
    bin: str,
    account: str,
    *,
    amount: int | None = None,
    purpose: str | None = None,
    service: str = "QRIBFTTA",
) -> str:
    """Return the VietQR payload for a transfer to account at the bank with this BIN."""
    _check_bin(bin)
    _check_account(account)
    _check_service(service)
    amount_text = "" if amount is None else _amount_text(amount)
    body = transfer_body(bin, account, amount_text, _memo(purpose), service)
    return body + crc16_hex(body)


def transfer_body(bin: str, account: str, amount: str, memo: str, service: str) -> str:
    """Return the payload up to and including "6304", tags ascending, optional ones empty."""
    # Validated inputs keep template 38 under 64 and 62 under 30 characters, far from 99.
    beneficiary = f"0006{bin}01{len(account):02d}{account}"
    merchant = f"0010{NAPAS_GUID}01{len(beneficiary):02d}{beneficiary}0208{service}"
    head = f"00020101021{2 if amount else 1}38{len(merchant):02d}{merchant}5303704"
    tail = f"62{len(memo) + 4:02d}08{len(memo):02d}{memo}6304" if memo else "6304"
    return f"{head}54{len(amount):02d}{amount}5802VN{tail}" if amount else f"{head}5802VN{tail}"


def _check_bin(bin: str) -> None:
    if not (isinstance(bin, str) and len(bin) == 6 and bin.isascii() and bin.isdigit()):
        raise BinError(f"BIN must be 6 digits, got {bin!r}")
    if bank_by_bin(bin) is None:
        raise BinError(f"BIN {bin} is not in the bank directory")


def _check_account(account: str) -> None:
    if not (isinstance(account, str) and is_account(account)):
        raise AccountError(f"account must be 1 to 19 letters or digits, got {account!r}")


def _check_service(service: str) -> None:
    if not (isinstance(service, str) and service in SERVICES):
        raise ServiceError(f"service must be QRIBFTTA or QRIBFTTC, got {service!r}")


def _amount_text(amount: int) -> str:
    if type(amount) is not int:  # bool is an int subclass and must not pass as 0/1 VND
        raise AmountError(f"amount must be an integer number of VND, got {amount!r}")
    if not 1 <= amount < MAX_AMOUNT:
        raise AmountError(f"amount must be from 1 to 499,999,999 VND, got {amount}")
    return str(amount)


def _memo(purpose: str | None) -> str:
    if purpose is None:
        return ""
    if not isinstance(purpose, str):
        raise PurposeError(f"purpose must be text, got {purpose!r}")
    memo = fold(purpose)
    if len(memo) > MAX_PURPOSE:
        raise PurposeError(
            f"purpose is {len(memo)} characters once folded to ASCII ({memo!r}); "
            f"the limit is {MAX_PURPOSE}"
        )
    return memo


def is_account(account: str) -> bool:
    """An account or card number NAPAS accepts: 1–19 ASCII letters or digits."""
    return 1 <= len(account) <= MAX_ACCOUNT and account.isascii() and account.isalnum()

"""VietQR (NAPAS247) payloads: encode a transfer request, decode any scanned string."""

from dataclasses import dataclass, field
from typing import Any, Literal

from vietqr import tlv
from vietqr.banks import Bank, bank_by_bin
from vietqr.crc import crc16_hex
from vietqr.text import fold

__all__ = [
    "AccountError",
    "AmountError",
    "BinError",
    "Decoded",
    "PurposeError",
    "ServiceError",
    "VietQRError",
    "decode",
    "encode",
]

NAPAS_GUID = "A000000727"
VNPAY_GUID = "A000000775"
SERVICES = ("QRIBFTTA", "QRIBFTTC")
MAX_AMOUNT = 500_000_000  # NAPAS247 per-transfer ceiling, exclusive
MAX_PURPOSE = 25
MAX_ACCOUNT = 19

Kind = Literal["vietqr", "vnpay", "emv_other", "invalid"]
Initiation = Literal["static", "dynamic"]
_INITIATIONS: dict[str, Initiation] = {"11": "static", "12": "dynamic"}


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
    beneficiary = f"0006{bin}01{len(account):02d}{account}"
    merchant = f"0010{NAPAS_GUID}01{len(beneficiary):02d}{beneficiary}0208{service}"
    if amount is None:
        head = "000201010211" + tlv.emit("38", merchant) + "5303704"
    else:
        value = _amount_text(amount)
        head = f"000201010212{tlv.emit('38', merchant)}530370454{len(value):02d}{value}"
    memo = _memo(purpose)
    body = f"{head}5802VN{tlv.emit('62', f'08{len(memo):02d}{memo}') if memo else ''}6304"
    return body + crc16_hex(body)


def _check_bin(bin: str) -> None:
    if not (isinstance(bin, str) and len(bin) == 6 and bin.isascii() and bin.isdigit()):
        raise BinError(f"BIN must be 6 digits, got {bin!r}")
    if bank_by_bin(bin) is None:
        raise BinError(f"BIN {bin} is not in the bank directory")


def _check_account(account: str) -> None:
    if not (isinstance(account, str) and _is_account(account)):
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


def _is_account(account: str) -> bool:
    return 1 <= len(account) <= MAX_ACCOUNT and account.isascii() and account.isalnum()


@dataclass(frozen=True)
class Decoded:
    """What a scanned string is, the transfer it asks for, and every fault found."""

    kind: Kind
    crc_ok: bool
    initiation: Initiation | None = None
    bin: str | None = None
    account: str | None = None
    service: str | None = None
    amount: int | None = None
    purpose: str | None = None
    bank: Bank | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """Whether this is a VietQR payload without any fault."""
        return self.kind == "vietqr" and not self.errors

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object of the `python -m vietqr decode` contract."""
        return {
            "kind": self.kind,
            "crc_ok": self.crc_ok,
            "initiation": self.initiation,
            "bin": self.bin,
            "account": self.account,
            "service": self.service,
            "amount": self.amount,
            "purpose": self.purpose,
            "bank": self.bank.to_dict() if self.bank else None,
            "errors": list(self.errors),
        }


def decode(payload: str) -> Decoded:
    """Decode any string; faults are listed in `errors`, never raised."""
    if not isinstance(payload, str):
        return Decoded("invalid", False, errors=["payload is not a string"])
    text = payload.strip()
    if not text:
        return Decoded("invalid", False, errors=["payload is empty"])
    errors: list[str] = []
    root = tlv.parse(text, errors)
    broken = bool(errors)
    crc_ok = _check_crc(text, root, errors)
    kind = _kind(text, root, broken, errors)
    if kind == "invalid":
        return Decoded("invalid", crc_ok, errors=errors)
    if kind == "vietqr":
        return _decode_vietqr(root, crc_ok, errors)
    initiation = _INITIATIONS.get(root.get("01", ""))
    amount = _amount(root.get("54"), None)
    return Decoded(kind, crc_ok, initiation, amount=amount, purpose=_purpose(root, errors), errors=errors)


def _check_crc(text: str, root: dict[str, str], errors: list[str]) -> bool:
    given = root.get("63")
    if given is None:
        errors.append("missing mandatory tag 63 (CRC)")
        return False
    if len(given) != 4 or text[-8:-4] != "6304":
        errors.append(f"tag 63 (CRC) must be the last element, 4 hex digits, got {given!r}")
        return False
    computed = crc16_hex(text[:-4])
    if given.upper() != computed:
        errors.append(f"bad CRC: given {given}, computed {computed}")
        return False
    return True


def _kind(text: str, root: dict[str, str], broken: bool, errors: list[str]) -> Kind:
    if not text.startswith("000201"):
        errors.append("payload must start with tag 00 (payload format indicator) = 01")
        return "invalid"
    if "38" in root:
        return "vietqr"
    if "26" in root and tlv.parse(root["26"], []).get("00") == VNPAY_GUID:
        return "vnpay"
    return "invalid" if broken or "63" not in root else "emv_other"


def _decode_vietqr(root: dict[str, str], crc_ok: bool, errors: list[str]) -> Decoded:
    _missing(root, "", _ROOT_TAGS, errors)
    initiation = _INITIATIONS.get(root.get("01", ""))
    if initiation is None and "01" in root:
        errors.append(f"tag 01 (point of initiation) must be 11 or 12, got {root['01']!r}")
    bin, account, service = _merchant_account(root["38"], errors)
    _expect(root, "53", "currency", "704", errors)
    amount = _amount(root.get("54"), errors)
    _expect(root, "58", "country", "VN", errors)
    purpose = _purpose(root, errors)
    bank = bank_by_bin(bin) if bin else None
    return Decoded("vietqr", crc_ok, initiation, bin, account, service, amount, purpose, bank, errors)


_ROOT_TAGS = {"01": "point of initiation", "53": "currency", "58": "country"}
_MERCHANT_TAGS = {"00": "GUID", "01": "beneficiary", "02": "service"}
_BENEFICIARY_TAGS = {"00": "BIN", "01": "account"}


def _merchant_account(value: str, errors: list[str]) -> tuple[str | None, str | None, str | None]:
    template = tlv.parse(value, errors, "38.")
    _missing(template, "38.", _MERCHANT_TAGS, errors)
    guid, service = template.get("00"), template.get("02")
    if guid is not None and guid != NAPAS_GUID:
        errors.append(f"tag 38.00 (GUID) must be {NAPAS_GUID}, got {guid!r}")
    if service is not None and service not in SERVICES:
        errors.append(f"tag 38.02 (service) must be QRIBFTTA or QRIBFTTC, got {service!r}")
    beneficiary = tlv.parse(template.get("01", ""), errors, "38.01.")
    if "01" in template:
        _missing(beneficiary, "38.01.", _BENEFICIARY_TAGS, errors)
    bin, account = beneficiary.get("00"), beneficiary.get("01")
    if bin is not None and not (len(bin) == 6 and bin.isascii() and bin.isdigit()):
        errors.append(f"tag 38.01.00 (BIN) must be 6 digits, got {bin!r}")
    if account is not None and not _is_account(account):
        errors.append(f"tag 38.01.01 (account) must be 1 to 19 letters or digits, got {account!r}")
    return bin, account, service


def _amount(value: str | None, errors: list[str] | None) -> int | None:
    """Return the amount; with errors given, also hold it to the VietQR rules."""
    if value is None:
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= 13):
        if errors is not None:
            errors.append(f"tag 54 (amount) must be an integer number of VND, got {value!r}")
        return None
    amount = int(value)
    if errors is not None and not 1 <= amount < MAX_AMOUNT:
        errors.append(f"tag 54 (amount) must be from 1 to 499,999,999 VND, got {amount}")
    return amount


def _purpose(root: dict[str, str], errors: list[str]) -> str | None:
    if "62" not in root:
        return None
    return tlv.parse(root["62"], errors, "62.").get("08")


def _expect(root: dict[str, str], tag: str, label: str, wanted: str, errors: list[str]) -> None:
    value = root.get(tag)
    if value is not None and value != wanted:
        errors.append(f"tag {tag} ({label}) must be {wanted}, got {value!r}")


def _missing(values: dict[str, str], path: str, labels: dict[str, str], errors: list[str]) -> None:
    if values.keys() >= labels.keys():
        return
    errors.extend(
        f"missing mandatory tag {path}{tag} ({label})" for tag, label in labels.items() if tag not in values
    )

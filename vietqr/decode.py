"""Decode any scanned string: is it VietQR (and which transfer), VNPAY-QR, another EMVCo QR, or broken?"""

from dataclasses import dataclass, field
from typing import Any, Literal

from vietqr import tlv
from vietqr.banks import Bank, bank_by_bin
from vietqr.crc import crc16_hex
from vietqr.payload import MAX_AMOUNT, NAPAS_GUID, SERVICES, VNPAY_GUID, is_account, transfer_body

__all__ = ["Decoded", "decode"]

Kind = Literal["vietqr", "vnpay", "emv_other", "invalid"]
Initiation = Literal["static", "dynamic"]
_INITIATIONS: dict[str, Initiation] = {"11": "static", "12": "dynamic"}
# Mandatory tags of each level and the names used in error messages.
_ROOT_TAGS = {"01": "point of initiation", "53": "currency", "58": "country"}
_MERCHANT_TAGS = {"00": "GUID", "01": "beneficiary"}
# Conditional in the NAPAS spec, but a transfer cannot be started without it.
_MISSING_SERVICE = "missing conditional tag 38.02 (service): QRIBFTTA or QRIBFTTC is needed for a transfer"
AMOUNT_OVER_NAPAS = "tag 54 (amount) {amount} is at or above the NAPAS247 limit of 499,999,999 VND per transfer"
_BENEFICIARY_TAGS = {"00": "BIN", "01": "account"}


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
    warnings: list[str] = field(default_factory=list)

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
            "warnings": list(self.warnings),
        }


def decode(payload: str) -> Decoded:
    """Decode any string; faults are listed in `errors`, never raised."""
    if not isinstance(payload, str):
        return Decoded("invalid", False, errors=["payload is not a string"])
    text = payload.strip()
    return _decode_canonical(text) or _decode_general(text)


def _decode_canonical(text: str) -> Decoded | None:
    """Decode a sound payload laid out exactly as encode writes it, else return None."""
    # Most payloads in the wild have this layout; slicing it is ~3x faster than the general path,
    # and rebuilding the body proves the layout, so any doubt falls through to the general path.
    size = tlv.SIZES.get(text[46:48])
    if size is None or text[12:14] != "38":
        return None
    bin, account, pos = text[38:44], text[48 : 48 + size], 48 + size
    service, pos = text[pos + 4 : pos + 12], pos + 19
    amount = _canonical_part(text, pos, "54")
    memo = _canonical_part(text, pos + 6 + len(amount) + 4 * bool(amount), "62")
    if text[pos - 7 : pos] != "5303704" or memo[:2] not in ("08", ""):
        return None  # cheap early exit for extra tags (52, 59, 60, 62.01, …) before rebuilding
    memo = memo[4:]
    body = transfer_body(bin, account, amount, memo, service)
    if body != text[:-4] or crc16_hex(body) != text[-4:].upper() or not _sound(bin, account, amount, service):
        return None
    initiation: Initiation = "dynamic" if amount else "static"
    value = int(amount) if amount else None
    return Decoded("vietqr", True, initiation, bin, account, service, value, memo or None, bank_by_bin(bin))


def _canonical_part(text: str, pos: int, tag: str) -> str:
    size = tlv.SIZES.get(text[pos + 2 : pos + 4]) if text[pos : pos + 2] == tag else None
    return "" if size is None else text[pos + 4 : pos + 4 + size]


def _sound(bin: str, account: str, amount: str, service: str) -> bool:
    if amount and not (amount.isascii() and amount.isdigit() and amount[0] != "0"):
        return False
    if amount and int(amount) >= MAX_AMOUNT:
        return False
    return bin.isascii() and bin.isdigit() and is_account(account) and service in SERVICES


def _decode_general(text: str) -> Decoded:
    """Decode any text, collecting every fault on the way."""
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
    if text[-8:-4] == "6304":  # over the text as given, even when an earlier length is wrong
        given = text[-4:]
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
    warnings = [AMOUNT_OVER_NAPAS.format(amount=amount)] if amount is not None and amount >= MAX_AMOUNT else []
    return Decoded("vietqr", crc_ok, initiation, bin, account, service, amount, purpose, bank, errors, warnings)


def _merchant_account(value: str, errors: list[str]) -> tuple[str | None, str | None, str | None]:
    template = tlv.parse(value, errors, "38.")
    _missing(template, "38.", _MERCHANT_TAGS, errors)
    guid, service = template.get("00"), template.get("02")
    if service is None:
        errors.append(_MISSING_SERVICE)
    if guid is not None and guid != NAPAS_GUID:
        errors.append(f"tag 38.00 (GUID) must be {NAPAS_GUID}, got {guid!r}")
    if service is not None and service not in SERVICES:
        errors.append(f"tag 38.02 (service) must be QRIBFTTA or QRIBFTTC, got {service!r}")
    bin, account = _beneficiary(template["01"], errors) if "01" in template else (None, None)
    return bin, account, service


def _beneficiary(value: str, errors: list[str]) -> tuple[str | None, str | None]:
    template = tlv.parse(value, errors, "38.01.")
    _missing(template, "38.01.", _BENEFICIARY_TAGS, errors)
    bin, account = template.get("00"), template.get("01")
    if bin is not None and not (len(bin) == 6 and bin.isascii() and bin.isdigit()):
        errors.append(f"tag 38.01.00 (BIN) must be 6 digits, got {bin!r}")
    if account is not None and not is_account(account):
        errors.append(f"tag 38.01.01 (account) must be 1 to 19 letters or digits, got {account!r}")
    return bin, account


def _amount(value: str | None, errors: list[str] | None) -> int | None:
    """Return the amount; with errors given, also hold it to the VietQR rules."""
    if value is None:
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= 13):
        if errors is not None:
            errors.append(f"tag 54 (amount) must be an integer number of VND, got {value!r}")
        return None
    amount = int(value)
    if errors is not None and amount < 1:  # the NAPAS247 ceiling is a warning: the payload is still VietQR
        errors.append(f"tag 54 (amount) must be at least 1 VND, got {amount}")
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

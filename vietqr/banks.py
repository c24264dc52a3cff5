"""Directory of Vietnamese banks and e-wallets that take part in NAPAS247 (data/banks.csv)."""

import csv
import io
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

__all__ = ["Bank", "all_banks", "bank_by_bin", "find_bank"]


@dataclass(frozen=True, slots=True)
class Bank:
    """One participant: its 6-digit BIN, codes and names."""

    bin: str
    code: str
    short_name: str
    name: str
    swift: str | None
    transfer_supported: bool
    lookup_supported: bool

    def to_dict(self) -> dict[str, str]:
        """Return the JSON object of the public contract."""
        return {"bin": self.bin, "code": self.code, "short_name": self.short_name, "name": self.name}


@cache
def all_banks() -> tuple[Bank, ...]:
    """Return every bank of the directory, ordered by BIN."""
    text = files("vietqr").joinpath("data/banks.csv").read_text(encoding="utf-8")
    return tuple(_bank(row) for row in csv.DictReader(io.StringIO(text)))


def bank_by_bin(bin: str) -> Bank | None:
    """Return the bank with this BIN, or None."""
    return _by_bin().get(bin)


def find_bank(query: str) -> Bank | None:
    """Return the bank matching a BIN, code or short name (case-insensitive), or None."""
    key = query.strip().casefold()
    return _by_bin().get(key) or _by_name().get(key)


def _bank(row: dict[str, str]) -> Bank:
    return Bank(
        bin=row["bin"],
        code=row["code"],
        short_name=row["short_name"],
        name=unicodedata.normalize("NFC", row["name"]),  # the CSV mixes decomposed accents
        swift=row["swift"] or None,
        transfer_supported=row["transfer_supported"] == "1",
        lookup_supported=row["lookup_supported"] == "1",
    )


@cache
def _by_bin() -> dict[str, Bank]:
    return {bank.bin: bank for bank in all_banks()}


@cache
def _by_name() -> dict[str, Bank]:
    names = {bank.short_name.casefold(): bank for bank in all_banks()}
    # A bank's own code wins over another bank's short name that happens to be spelled alike.
    names.update({bank.code.casefold(): bank for bank in all_banks()})
    return names

"""The bank directory finds a bank by BIN, code or short name."""

import dataclasses

import pytest

from vietqr import Bank, all_banks, bank_by_bin, find_bank


def test_directory_holds_every_row_of_banks_csv_with_unique_bins() -> None:
    banks = all_banks()
    assert len(banks) == 65
    assert len({bank.bin for bank in banks}) == 65


def test_bank_is_found_by_bin() -> None:
    bank = bank_by_bin("970436")
    assert bank is not None
    assert (bank.code, bank.short_name, bank.swift) == ("VCB", "Vietcombank", "BFTVVNVX")
    assert bank.name == "Ngân hàng TMCP Ngoại Thương Việt Nam"
    assert bank.transfer_supported and bank.lookup_supported


@pytest.mark.parametrize("query", ["970405", "VBA", "vba", "Agribank", "AGRIBANK", " agribank "])
def test_bank_is_found_by_bin_code_or_short_name_in_any_case(query: str) -> None:
    bank = find_bank(query)
    assert bank is not None and bank.bin == "970405"


@pytest.mark.parametrize("query", ["", "970499", "Ngân hàng", "nope"])
def test_unknown_query_finds_no_bank(query: str) -> None:
    assert find_bank(query) is None
    assert bank_by_bin(query) is None


def test_e_wallets_are_in_the_directory() -> None:
    momo = find_bank("momo")
    assert momo is not None and momo.bin == "971025"


def test_missing_swift_is_none() -> None:
    bank = bank_by_bin("546034")
    assert bank is not None and bank.swift is None and bank.code == "CAKE"


def test_bank_is_frozen() -> None:
    bank = bank_by_bin("970436")
    with pytest.raises(dataclasses.FrozenInstanceError):
        bank.code = "X"  # type: ignore[misc,union-attr]


def test_bank_json_has_exactly_the_contract_keys() -> None:
    bank = bank_by_bin("970416")
    assert isinstance(bank, Bank)
    assert bank.to_dict() == {
        "bin": "970416",
        "code": "ACB",
        "short_name": "ACB",
        "name": "Ngân hàng TMCP Á Châu",
    }


def test_directory_is_loaded_once() -> None:
    assert all_banks() is all_banks()


def test_bank_names_are_in_composed_unicode() -> None:
    import unicodedata

    assert all(unicodedata.is_normalized("NFC", bank.name) for bank in all_banks())

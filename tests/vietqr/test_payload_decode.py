"""decode classifies any string and names each fault precisely."""

import binascii

import pytest

from vietqr import Decoded, decode
from vietqr.crc import crc16_hex

STATIC = "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F"
PROMPTPAY = "00020101021129370016A000000677010111011300668012345675802TH530376463046197"


def _signed(body: str) -> str:
    """Return body with a correct CRC appended, so only the fault under test remains."""
    return body + "6304" + crc16_hex(body + "6304")


def test_lower_case_crc_and_surrounding_whitespace_are_accepted() -> None:
    decoded = decode(f"  \n{STATIC[:-4]}ae9f\t ")
    assert decoded.valid and decoded.crc_ok and decoded.account == "257678859"


def test_tags_after_00_in_any_order_and_nested_ones_in_any_order_decode_the_same() -> None:
    merchant = "0208QRIBFTTA" + "0123" + "0109257678859" + "0006970416" + "0010A000000727"
    decoded = decode(_signed("000201" + "5802VN" + "5303704" + "010211" + "3853" + merchant))
    assert decoded.valid
    assert decoded == decode(STATIC)


def test_payload_format_indicator_must_come_first() -> None:
    decoded = decode(_signed("010211000201" + STATIC[12:-8]))
    assert decoded.kind == "invalid"
    assert decoded.errors == ["payload must start with tag 00 (payload format indicator) = 01"]


def test_wrong_currency_is_reported() -> None:
    decoded = decode(_signed(STATIC[:-8].replace("5303704", "5303840")))
    assert decoded.errors == ["tag 53 (currency) must be 704, got '840'"]
    assert decoded.kind == "vietqr" and not decoded.valid


def test_wrong_country_is_reported() -> None:
    decoded = decode(_signed(STATIC[:-8].replace("5802VN", "5802TH")))
    assert decoded.errors == ["tag 58 (country) must be VN, got 'TH'"]


def test_missing_mandatory_tags_are_each_named() -> None:
    decoded = decode(_signed("0002013814" + "0010A000000727"))
    assert decoded.errors == [
        "missing mandatory tag 01 (point of initiation)",
        "missing mandatory tag 53 (currency)",
        "missing mandatory tag 58 (country)",
        "missing mandatory tag 38.01 (beneficiary)",
        "missing conditional tag 38.02 (service): QRIBFTTA or QRIBFTTC is needed for a transfer",
    ]


def test_wrong_guid_in_tag_38_is_reported() -> None:
    decoded = decode(_signed(STATIC[:-8].replace("A000000727", "A000000999")))
    assert decoded.errors == ["tag 38.00 (GUID) must be A000000727, got 'A000000999'"]


def test_duplicate_root_tag_is_reported() -> None:
    decoded = decode(_signed(STATIC[:-8] + "5802VN"))
    assert decoded.errors == ["duplicate tag 58"]


@pytest.mark.parametrize(
    ("amount", "error"),
    [
        ("0", "tag 54 (amount) must be at least 1 VND, got 0"),
        ("10.5", "tag 54 (amount) must be an integer number of VND, got '10.5'"),
        ("1,000", "tag 54 (amount) must be an integer number of VND, got '1,000'"),
    ],
)
def test_bad_amount_is_reported(amount: str, error: str) -> None:
    body = STATIC[:-8].replace("5303704", f"530370454{len(amount):02d}{amount}")
    assert decode(_signed(body)).errors == [error]


def test_bad_crc_reports_given_and_computed_values() -> None:
    decoded = decode(STATIC[:-4] + "0000")
    assert decoded.errors == ["bad CRC: given 0000, computed AE9F"]
    assert not decoded.crc_ok and decoded.account == "257678859"


def test_crc_that_is_not_the_last_element_is_reported() -> None:
    decoded = decode(STATIC + "5802VN")
    assert "tag 63 (CRC) must be the last element, 4 hex digits, got 'AE9F'" in decoded.errors
    assert not decoded.crc_ok


def test_invalid_account_and_bin_in_the_payload_are_reported() -> None:
    beneficiary = "0005" + "97041" + "0102#1"
    merchant = "0010A000000727" + "0115" + beneficiary + "0208QRIBFTTA"
    body = "000201010211" + "3845" + merchant + "53037045802VN"
    decoded = decode(_signed(body))
    assert decoded.errors == [
        "tag 38.01.00 (BIN) must be 6 digits, got '97041'",
        "tag 38.01.01 (account) must be 1 to 19 letters or digits, got '#1'",
    ]


def test_unknown_bin_decodes_without_a_bank() -> None:
    decoded = decode(_signed(STATIC[:-8].replace("970416", "970499")))
    assert decoded.valid and decoded.bin == "970499" and decoded.bank is None


def test_vnpay_qr_is_named_and_not_valid() -> None:
    decoded = decode(_signed("00020101021126280010A00000077501100105313144530370454031005802VN"))
    assert (decoded.kind, decoded.amount, decoded.bin, decoded.errors) == ("vnpay", 100, None, [])
    assert not decoded.valid


def test_other_emv_qr_is_named_emv_other() -> None:
    decoded = decode(PROMPTPAY)
    assert (decoded.kind, decoded.crc_ok, decoded.errors, decoded.valid) == ("emv_other", True, [], False)


@pytest.mark.parametrize(
    ("payload", "first_error"),
    [
        ("", "payload is empty"),
        ("   ", "payload is empty"),
        ("https://example.com/pay", "payload: tag 'ht' is not two digits"),
        ("0002020102116304ABCD", "bad CRC: given ABCD, computed D5F0"),
        ("00020101021129XX", "tag 29: length 'XX' is not two digits"),
    ],
)
def test_text_that_is_not_an_emv_payload_is_invalid(payload: str, first_error: str) -> None:
    decoded = decode(payload)
    assert decoded.kind == "invalid" and not decoded.valid
    assert decoded.errors[0] == first_error


def test_non_string_input_is_invalid_rather_than_an_exception() -> None:
    assert decode(None).errors == ["payload is not a string"]  # type: ignore[arg-type]


def test_to_dict_has_exactly_the_contract_keys_and_values() -> None:
    assert decode(STATIC).to_dict() == {
        "kind": "vietqr",
        "crc_ok": True,
        "initiation": "static",
        "bin": "970416",
        "account": "257678859",
        "service": "QRIBFTTA",
        "amount": None,
        "purpose": None,
        "bank": {"bin": "970416", "code": "ACB", "short_name": "ACB", "name": "Ngân hàng TMCP Á Châu"},
        "errors": [],
        "warnings": [],
    }


def test_decoded_is_frozen() -> None:
    decoded = decode(STATIC)
    assert isinstance(decoded, Decoded)
    with pytest.raises(AttributeError):
        decoded.kind = "invalid"  # type: ignore[misc]


def test_lone_surrogates_and_control_characters_do_not_raise() -> None:
    for text in ["\ud800", "000201\udfff", "\x00" * 8, STATIC[:-4] + "\ud800abc"]:
        assert not decode(text).valid


def test_crc_of_a_non_ascii_payload_is_taken_over_its_utf8_bytes() -> None:
    body = STATIC[:-8] + "62080804Bánh6304"
    payload = body + f"{binascii.crc_hqx(body.encode('utf-8'), 0xFFFF):04X}"
    decoded = decode(payload)
    assert decoded.crc_ok and decoded.purpose == "Bánh" and decoded.valid


def test_an_amount_over_the_napas_ceiling_is_valid_vietqr_with_a_warning() -> None:
    body = STATIC[:-8].replace("5303704", "5303704540950000000" + "0").replace("010211", "010212")
    decoded = decode(_signed(body))
    assert decoded.valid and decoded.amount == 500_000_000 and decoded.initiation == "dynamic"
    assert decoded.warnings == [
        "tag 54 (amount) 500000000 is at or above the NAPAS247 limit of 499,999,999 VND per transfer"]


def test_crc_is_checked_over_the_text_as_given_even_with_a_wrong_length() -> None:
    body = STATIC[:-8].replace("5802VN", "5803VN")  # a length that swallows the next tag
    decoded = decode(_signed(body))
    assert decoded.crc_ok and decoded.errors and not decoded.valid
    assert not decode(_signed(body)[:-4] + "0000").crc_ok


def test_a_missing_service_is_called_conditional_not_mandatory() -> None:
    body = STATIC[:-8].replace("0208QRIBFTTA", "").replace("3853", "3841")
    errors = decode(_signed(body)).errors
    assert any("conditional tag 38.02" in error for error in errors)
    assert not any("mandatory tag 38.02" in error for error in errors)

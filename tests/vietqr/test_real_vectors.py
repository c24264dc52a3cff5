"""Every real payload of tests/data/vietqr_vectors.json decodes as its source says."""

import json
from pathlib import Path
from typing import Any

import pytest

from vietqr import bank_by_bin, decode

VECTORS: list[dict[str, Any]] = json.loads(
    (Path(__file__).parents[1] / "data" / "vietqr_vectors.json").read_text(encoding="utf-8")
)
KINDS = {"vietqr": "vietqr", "vnpay_qr": "vnpay", "not_vietqr": "emv_other"}
INITIATIONS = {"11": "static", "12": "dynamic"}


def _id(vector: dict[str, Any]) -> str:
    expect = vector["expect"]
    return f"{vector['kind']}-{vector['status']}-{expect['bin']}-{expect['amount']}-{vector['payload'][-4:]}"


def _amount(text: str | None) -> int | None:
    return None if text is None else int(text)


@pytest.mark.parametrize("vector", VECTORS, ids=_id)
def test_vector_decodes_to_its_kind_fields_and_crc(vector: dict[str, Any]) -> None:
    decoded = decode(vector["payload"])
    expect = vector["expect"]
    assert decoded.kind == KINDS[vector["kind"]]
    assert decoded.crc_ok is expect["crc_ok"]
    assert decoded.initiation == INITIATIONS[expect["initiation"]]
    assert decoded.bin == expect["bin"]
    assert decoded.account == expect["account"]
    assert decoded.service == expect["service"]
    assert decoded.amount == _amount(expect["amount"])
    assert decoded.purpose == expect["purpose"]


@pytest.mark.parametrize("vector", VECTORS, ids=_id)
def test_vector_is_valid_exactly_when_it_is_a_sound_vietqr(vector: dict[str, Any]) -> None:
    decoded = decode(vector["payload"])
    assert decoded.valid is (vector["kind"] == "vietqr" and vector["status"] == "valid")
    assert (decoded.errors == []) is (vector["status"] == "valid")


@pytest.mark.parametrize("vector", [v for v in VECTORS if v["kind"] == "vietqr"], ids=_id)
def test_vietqr_vector_names_its_bank(vector: dict[str, Any]) -> None:
    decoded = decode(vector["payload"])
    assert decoded.bank is not None
    assert decoded.bank == bank_by_bin(vector["expect"]["bin"])


def test_misprinted_napas_example_keeps_its_account_and_reports_the_length() -> None:
    decoded = decode(VECTORS[0]["payload"])
    assert VECTORS[0]["status"] == "malformed" and decoded.account == "0011012345678"
    assert decoded.errors == [
        "tag 38.01.01: declared length 12 but 13 characters remain; took them all as its value"
    ]


def test_wrong_crc_vector_reports_given_and_computed_values() -> None:
    vector = next(v for v in VECTORS if "BBB5" in v["payload"])
    assert decode(vector["payload"]).errors == ["bad CRC: given BBB5, computed BBB8"]

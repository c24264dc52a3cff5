"""Page input is read one way: a schema turns form fields into values and per-field messages."""
import marshmallow as ma
import pytest
from werkzeug.datastructures import MultiDict

from market.core.errors import AppError
from market.core.forms import FormInvalid, attempt, form_values, load, load_or_422, parse


class SaleForm(ma.Schema):
    amount = ma.fields.Integer(required=True)
    note = ma.fields.String()
    paid = ma.fields.Boolean()


def test_blank_fields_are_left_out_and_checkboxes_become_booleans():
    form = MultiDict({"amount": "50000", "note": "   ", "paid": "on"})
    assert form_values(form, ("amount", "note"), ("paid", "cash")) == {"amount": "50000", "paid": True, "cash": False}


def test_parse_keeps_the_valid_values_and_names_each_bad_field():
    values, errors = parse(SaleForm(), {"amount": "năm chục", "note": "rau", "paid": True})
    assert values == {"note": "rau", "paid": True}
    assert list(errors) == ["amount"]


def test_load_returns_the_values_or_raises_with_the_messages_per_field():
    assert load(SaleForm(), {"amount": "50000"}) == {"amount": 50000}
    with pytest.raises(FormInvalid) as refused:
        load(SaleForm(), {})
    assert list(refused.value.errors) == ["amount"]


def test_a_bad_filter_in_a_query_string_is_a_422_naming_the_field():
    with pytest.raises(AppError) as refused:
        load_or_422(SaleForm(), {"amount": "x"}, "Bộ lọc không hợp lệ.")
    assert refused.value.code == 422 and refused.value.description == "Bộ lọc không hợp lệ."
    assert list(refused.value.fields) == ["amount"]


def test_a_refusal_with_fields_becomes_inline_errors_but_a_403_still_stops_the_page():
    def refuse(status):
        raise AppError(status, "x", "Không được.", {"amount": ["Quá lớn."]})

    assert attempt(lambda: refuse(409)) == (None, {"amount": ["Quá lớn."]}, "Không được.")
    with pytest.raises(AppError):
        attempt(lambda: refuse(403))

"""Field types shared by every feature's schemas."""
import unicodedata

import marshmallow as ma
from marshmallow import validate

MAX_ID = 2**31 - 1


def Id(**kwargs: object) -> ma.fields.Integer:  # noqa: N802 (reads like a field class)
    """A positive id that fits the database's integer column."""
    return ma.fields.Integer(strict=False, validate=validate.Range(min=1, max=MAX_ID), **kwargs)


class Text(ma.fields.String):
    """A string without control characters or lone surrogates (databases refuse them)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if any(unicodedata.category(char) in ("Cc", "Cs") and char not in "\t\n\r" for char in text):
            raise ma.ValidationError("Có ký tự không hợp lệ.")
        return text


class StrippedText(Text):
    """Text with the blanks around it dropped (so padding never counts towards a minimum length)."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


def Reason(max_length: int = 255, **kwargs: object) -> StrippedText:  # noqa: N802 (reads like a field class)
    """The required reason of a destructive action, 3 to `max_length` characters."""
    return StrippedText(required=True, error_messages={"required": "Cần ghi lý do."},
                        validate=validate.Length(min=3, max=max_length,
                                                 error="Lý do cần từ {min} đến {max} ký tự."), **kwargs)

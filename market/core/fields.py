"""Field types shared by every feature's schemas."""
import unicodedata

import marshmallow as ma
from marshmallow import validate
from market.core.i18n import gettext

MAX_ID = 2**31 - 1


def Id(**kwargs: object) -> ma.fields.Integer:  # noqa: N802 (reads like a field class)
    """A positive id that fits the database's integer column."""
    return ma.fields.Integer(strict=False, validate=validate.Range(min=1, max=MAX_ID), **kwargs)


class Text(ma.fields.String):
    """A string without control characters or lone surrogates (databases refuse them)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if any(unicodedata.category(char) in ("Cc", "Cs") and char not in "\t\n\r" for char in text):
            raise ma.ValidationError(gettext("Có ký tự không hợp lệ."))
        return text

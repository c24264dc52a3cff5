"""Field types shared by every feature's schemas."""
import marshmallow as ma
from marshmallow import validate

MAX_ID = 2**31 - 1


def Id(**kwargs: object) -> ma.fields.Integer:  # noqa: N802 (reads like a field class)
    """A positive id that fits the database's integer column."""
    return ma.fields.Integer(strict=False, validate=validate.Range(min=1, max=MAX_ID), **kwargs)

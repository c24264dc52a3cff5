"""Shapes of the merchant import: the upload form and the report (format only)."""
import marshmallow as ma
from flask_smorest.fields import Upload

from market.core.fields import Id


class ImportFormSchema(ma.Schema):
    village_id = Id(required=True)
    dry_run = ma.fields.Boolean(load_default=True)


class ImportProblemSchema(ma.Schema):
    row = ma.fields.Integer(required=True)
    field = ma.fields.String(required=True)
    message = ma.fields.String(required=True)


class ImportReportSchema(ma.Schema):
    ok = ma.fields.Boolean(required=True)
    dry_run = ma.fields.Boolean(required=True)
    rows = ma.fields.Integer(required=True)
    created = ma.fields.Integer(required=True)
    errors = ma.fields.List(ma.fields.Nested(ImportProblemSchema), required=True)


class ImportFileSchema(ma.Schema):
    file = Upload(required=True, metadata={"description": "XLSX hoặc CSV (UTF-8), tối đa 5 MB"})

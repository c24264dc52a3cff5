"""The merchant import as one use case: check the file, then write every row or none."""
from typing import Any

from market.auth.permissions import can_manage_village, ensure
from market.auth.principal import Principal
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext
from market.places.models import Village
from merchants.imports import write
from merchants.imports.check import check_file
from merchants.imports.read import read_upload


def import_village(principal: Principal, village_id: int) -> Village:
    """The village to import into, if the caller manages it (404/403 otherwise)."""
    village = db.session.get(Village, village_id)
    if village is None:
        raise AppError(
            404,
            "not_found",
            gettext("Không tìm thấy thôn %(village_id)s.", village_id=village_id),
            {"village_id": [gettext("Không tồn tại.")]},
        )
    ensure(principal, can_manage_village(principal, village.id, village.commune_code))
    return village


def run_import(principal: Principal, upload: Any, village_id: int, dry_run: bool) -> dict[str, Any]:
    """Dry run: the per-row report. Commit: all rows in one transaction, or nothing if any row fails."""
    village = import_village(principal, village_id)
    batch = check_file(village, upload.filename or "", read_upload(upload.stream))
    report = {"ok": not batch.errors, "dry_run": dry_run, "rows": len(batch.rows) + len(
        {e["row"] for e in batch.errors}), "created": 0, "errors": batch.errors}
    if batch.errors and not dry_run:
        raise AppError(
            422,
            "import_invalid",
            gettext("Có %(errors)s lỗi; chưa ghi dòng nào.", errors=len(batch.errors)),
            {"rows": batch.errors},
        )
    if not dry_run:
        report["created"] = write.write(principal, village, batch.rows)
    return report

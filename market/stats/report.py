"""The criterion report communes use: STT | Tên chỉ tiêu | Giải thích | Đơn vị | Kế hoạch | Thực hiện | Đạt."""
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from urllib.parse import quote

from market.auth.principal import Principal
from market.core.clock import local_text
from market.core.exports import csv_bytes
from market.core.filters import PER_MILLE, met_vi, percent_vi, share, translated
from market.core.i18n import gettext, lazy_gettext
from market.stats import adoption
from market.stats.scopes import KIND_NAMES

COLUMNS = (
    "STT",
    lazy_gettext("Tên chỉ tiêu"),
    lazy_gettext("Giải thích (tử số / mẫu số)"),
    lazy_gettext("Đơn vị"),
    lazy_gettext("Kế hoạch"),
    lazy_gettext("Thực hiện"),
    lazy_gettext("Đạt/Không đạt"),
)


def build(principal: Principal, scope_text: str, day: date, days: int) -> dict[str, Any]:
    """Everything the report shows: the adoption of the scope and its header block."""
    data = adoption.adoption(principal, scope_text, day, days)
    scope = data["scope"]
    village = "—"
    if scope["village_id"]:
        village = gettext("%(name)s (mã %(code)s)", name=scope["village_name"], code=scope["village_id"])
    data["header"] = [
        (gettext("BÁO CÁO KẾT QUẢ THỰC HIỆN TIÊU CHÍ THANH TOÁN KHÔNG DÙNG TIỀN MẶT"), ""),
        (
            gettext("Tỉnh/Thành phố"),
            gettext("%(name)s (mã %(code)s)", name=scope["province_name"], code=scope["province_code"]),
        ),
        (
            gettext("Xã/Phường"),
            gettext("%(name)s (mã %(code)s)", name=scope["commune_name"], code=scope["commune_code"]),
        ),
        (gettext("Thôn"), village),
        (
            gettext("Địa bàn"),
            gettext(
                "%(kind)s: %(name)s (mã %(code)s)",
                kind=KIND_NAMES[scope["kind"]],
                name=scope["name"],
                code=scope["id"],
            ),
        ),
        (
            gettext("Kỳ báo cáo"),
            gettext(
                "%(start)s – %(end)s (%(days)s ngày)",
                start=local_text(data["from"]),
                end=local_text(data["to"]),
                days=days,
            ),
        ),
    ]
    return data


def rounded_actual(row: dict[str, Any]) -> Decimal | None:
    """The actual figure, rounded once: from the raw counts when it is a rate, else the survey value."""
    if row["actual"] is None:
        return None
    if row.get("counts") and row["counts"][1] > 0:
        return share(*row["counts"])
    return Decimal(str(row["actual"])).quantize(PER_MILLE, ROUND_HALF_UP)


def rounded_target(row: dict[str, Any]) -> Decimal | None:
    """The target figure, rounded the same way."""
    return None if row["target"] is None else Decimal(str(row["target"])).quantize(PER_MILLE, ROUND_HALF_UP)


def _table(data: dict[str, Any]) -> list[list[Any]]:
    """Header block, a blank line, the column titles, one line per indicator (rates as Vietnamese text)."""
    rows: list[list[Any]] = [[label, value] if value else [label] for label, value in data["header"]]
    rows += [[], [str(name) for name in COLUMNS]]
    for index, row in enumerate(data["targets"], start=1):
        target, actual = percent_vi(rounded_target(row)), percent_vi(rounded_actual(row))
        explain = gettext("Tử số: %(numerator)s. Mẫu số: %(denominator)s.",
                          numerator=translated(row["numerator"]), denominator=translated(row["denominator"]))
        rows.append([index, translated(row["name"]), explain, row["unit"], target, actual,
                     met_vi(row["met"], row["target"])])
    return rows


def to_csv(data: dict[str, Any]) -> bytes:
    """The same report as CSV in UTF-8 with a BOM so Excel shows the diacritics."""
    return csv_bytes(_table(data))


def disposition(data: dict[str, Any], extension: str) -> dict[str, str]:
    """An attachment file name like bao-cao-village-12-2026-06-30.xlsx."""
    scope = data["scope"]
    name = f"bao-cao-{scope['kind']}-{scope['id']}-{data['date']:%Y-%m-%d}.{extension}"
    return {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}

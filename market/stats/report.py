"""The criterion report communes use: STT | Tên chỉ tiêu | Giải thích | Đơn vị | Kế hoạch | Thực hiện | Đạt."""
import csv
import io
from datetime import date
from typing import Any
from urllib.parse import quote

from market.auth.principal import Principal
from market.core.filters import met_vi, percent_vi
from market.stats import adoption
from market.stats.scopes import KIND_NAMES

COLUMNS = ("STT", "Tên chỉ tiêu", "Giải thích (tử số / mẫu số)", "Đơn vị", "Kế hoạch", "Thực hiện",
           "Đạt/Không đạt")


def build(principal: Principal, scope_text: str, day: date, days: int) -> dict[str, Any]:
    """Everything the report shows: the adoption of the scope and its header block."""
    data = adoption.adoption(principal, scope_text, day, days)
    scope = data["scope"]
    village = f"{scope['village_name']} (mã {scope['village_id']})" if scope["village_id"] else "—"
    data["header"] = [
        ("BÁO CÁO KẾT QUẢ THỰC HIỆN TIÊU CHÍ THANH TOÁN KHÔNG DÙNG TIỀN MẶT", ""),
        ("Tỉnh/Thành phố", f"{scope['province_name']} (mã {scope['province_code']})"),
        ("Xã/Phường", f"{scope['commune_name']} (mã {scope['commune_code']})"),
        ("Thôn", village),
        ("Địa bàn", f"{KIND_NAMES[scope['kind']]}: {scope['name']} (mã {scope['id']})"),
        ("Kỳ báo cáo", f"{data['from']:%d/%m/%Y} – {data['to']:%d/%m/%Y} ({days} ngày)"),
    ]
    return data


def _cells(index: int, row: dict[str, Any]) -> list[Any]:
    explain = f"Tử số: {row['numerator']}. Mẫu số: {row['denominator']}."
    return [index, row["name"], explain, row["unit"], row["target"], row["actual"], met_vi(row["met"], row["target"])]


def to_csv(data: dict[str, Any]) -> bytes:
    """The same report as CSV in UTF-8 with a BOM so Excel shows the diacritics."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for label, value in data["header"]:
        writer.writerow([label, value] if value else [label])
    writer.writerow([])
    writer.writerow(COLUMNS)
    for index, row in enumerate(data["targets"], start=1):
        cells = _cells(index, row)
        cells[4], cells[5] = percent_vi(row["target"]), percent_vi(row["actual"])
        writer.writerow(cells)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def disposition(data: dict[str, Any], extension: str) -> dict[str, str]:
    """An attachment file name like bao-cao-village-12-2026-06-30.xlsx."""
    scope = data["scope"]
    name = f"bao-cao-{scope['kind']}-{scope['id']}-{data['date']:%Y-%m-%d}.{extension}"
    return {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}

"""Vietnamese number formats for pages and the CSV report."""


def percent_vi(value: float | None) -> str:
    """0.725 → '72,5 %'; None → '—'."""
    if value is None:
        return "—"
    return f"{value * 100:.1f}".replace(".", ",") + " %"


def number_vi(value: int | None) -> str:
    """1234567 → '1.234.567'; None → '—'."""
    if value is None:
        return "—"
    return f"{value:,}".replace(",", ".")


def met_vi(met: bool | None, target: float | None, missed: str = "Không đạt") -> str:
    """The Đạt/Không đạt column (the dashboard says "Chưa đạt")."""
    if target is None:
        return "Chưa đặt chỉ tiêu"
    if met is None:
        return "Chưa có số liệu"
    return "Đạt" if met else missed

"""The indicator catalogue and the default targets, as data seeded into the database (idempotent).

The Vietnamese texts are stored as they are; N_ puts them in the catalogue so pages show them translated."""
from datetime import date
from typing import Any

from sqlalchemy import select

from market.core.extensions import db
from market.core.i18n import N_
from market.core.upsert import upsert_by_code
from market.stats.models import Indicator, Target

CASHLESS = N_("Tuyến phố / chợ thanh toán không dùng tiền mặt")
NTM = N_("NTM 2026–2030 (thôn thông minh)")
PLACES = "street,market,village,commune"
VILLAGES = "village,commune"
COMPUTED_FROM, NTM_FROM, NTM_TO = date(2025, 1, 1), date(2026, 1, 1), date(2030, 12, 31)

CATALOGUE: list[dict[str, Any]] = [
    {
        "code": "acceptance_rate",
        "name_vi": N_("Tỷ lệ hộ kinh doanh chấp nhận thanh toán bằng mã QR"),
        "name_en": "Merchants accepting QR payments",
        "numerator": N_("Số hộ kinh doanh đang hoạt động có ít nhất một tài khoản thanh toán đang hoạt động"),
        "denominator": N_("Tổng số hộ kinh doanh đang hoạt động"),
        "framework": CASHLESS,
        "applies_to": PLACES,
        "effective_from": COMPUTED_FROM,
    },
    {
        "code": "activity_rate",
        "name_vi": N_("Tỷ lệ hộ kinh doanh có giao dịch không dùng tiền mặt trong kỳ"),
        "name_en": "Merchants with cashless sales in the period",
        "numerator": N_(
            "Số hộ kinh doanh đang hoạt động có ít nhất một giao dịch không dùng tiền mặt trong kỳ"
        ),
        "denominator": N_("Tổng số hộ kinh doanh đang hoạt động"),
        "framework": CASHLESS,
        "applies_to": PLACES,
        "effective_from": COMPUTED_FROM,
    },
    {
        "code": "cashless_share_count",
        "name_vi": N_("Tỷ lệ số giao dịch không dùng tiền mặt"),
        "name_en": "Cashless share of sales (count)",
        "numerator": N_("Số giao dịch không dùng tiền mặt trong kỳ (kể cả sổ bán hàng ngày)"),
        "denominator": N_("Tổng số giao dịch trong kỳ"),
        "framework": CASHLESS,
        "applies_to": PLACES,
        "effective_from": COMPUTED_FROM,
    },
    {
        "code": "cashless_share_value",
        "name_vi": N_("Tỷ lệ giá trị giao dịch không dùng tiền mặt"),
        "name_en": "Cashless share of sales (value)",
        "numerator": N_("Giá trị giao dịch không dùng tiền mặt trong kỳ (kể cả sổ bán hàng ngày)"),
        "denominator": N_("Tổng giá trị giao dịch trong kỳ"),
        "framework": CASHLESS,
        "applies_to": PLACES,
        "effective_from": COMPUTED_FROM,
    },
    {
        "code": "ocop_online_share",
        "name_vi": N_("Tỷ lệ chủ thể OCOP có kênh bán hàng trực tuyến"),
        "name_en": "OCOP producers selling online",
        "numerator": N_(
            "Số chủ thể OCOP đang hoạt động có ít nhất một sản phẩm bán trên sàn hoặc trang trực tuyến"
        ),
        "denominator": N_("Tổng số chủ thể OCOP đang hoạt động"),
        "framework": NTM,
        "applies_to": VILLAGES,
        "effective_from": NTM_FROM,
        "effective_to": NTM_TO,
    },
    {
        "code": "epay_account_share",
        "name_vi": N_("Tỷ lệ người trong độ tuổi lao động có tài khoản thanh toán điện tử"),
        "name_en": "Working-age people with an e-payment account",
        "source": "survey",
        "numerator": N_("Số người trong độ tuổi lao động có tài khoản ngân hàng hoặc ví điện tử (điều tra)"),
        "denominator": N_("Tổng số người trong độ tuổi lao động của thôn"),
        "framework": NTM,
        "applies_to": VILLAGES,
        "effective_from": NTM_FROM,
        "effective_to": NTM_TO,
    },
    {
        "code": "smartphone_share",
        "name_vi": N_("Tỷ lệ người trong độ tuổi lao động sử dụng điện thoại thông minh"),
        "name_en": "Working-age people with a smartphone",
        "source": "survey",
        "numerator": N_("Số người trong độ tuổi lao động sử dụng điện thoại thông minh (điều tra)"),
        "denominator": N_("Tổng số người trong độ tuổi lao động của thôn"),
        "framework": NTM,
        "applies_to": VILLAGES,
        "effective_from": NTM_FROM,
        "effective_to": NTM_TO,
    },
    {
        "code": "digital_skills_share",
        "name_vi": N_("Tỷ lệ người trong độ tuổi lao động có kỹ năng số cơ bản"),
        "name_en": "Working-age people with basic digital skills",
        "source": "survey",
        "numerator": N_("Số người trong độ tuổi lao động có kỹ năng số cơ bản (điều tra)"),
        "denominator": N_("Tổng số người trong độ tuổi lao động của thôn"),
        "framework": NTM,
        "applies_to": VILLAGES,
        "effective_from": NTM_FROM,
        "effective_to": NTM_TO,
    },
    {
        "code": "zalo_household_share",
        "name_vi": N_("Tỷ lệ hộ gia đình tham gia nhóm Zalo của thôn"),
        "name_en": "Households on the village Zalo group",
        "source": "survey",
        "numerator": N_("Số hộ gia đình có thành viên trong nhóm Zalo của thôn (điều tra)"),
        "denominator": N_("Tổng số hộ gia đình của thôn"),
        "framework": NTM,
        "applies_to": VILLAGES,
        "effective_from": NTM_FROM,
        "effective_to": NTM_TO,
    },
    {
        "code": "fee_cashless_share_value",
        "name_vi": N_("Tỷ lệ thu phí chợ không dùng tiền mặt (giá trị)"),
        "name_en": "Market fees collected cashless (value)",
        "numerator": N_("Số tiền phí chợ thu bằng chuyển khoản trong kỳ"),
        "denominator": N_("Tổng số tiền phí chợ thu trong kỳ"),
        "framework": CASHLESS,
        "applies_to": "market,village,commune",
        "effective_from": COMPUTED_FROM,
    },
    {
        "code": "fee_cashless_share_bills",
        "name_vi": N_("Tỷ lệ hoá đơn phí chợ nộp không dùng tiền mặt"),
        "name_en": "Market fee bills paid cashless",
        "numerator": N_("Số hoá đơn phí chợ nộp đủ trong kỳ, chủ yếu bằng chuyển khoản"),
        "denominator": N_("Tổng số hoá đơn phí chợ nộp đủ trong kỳ"),
        "framework": CASHLESS,
        "applies_to": "market,village,commune",
        "effective_from": COMPUTED_FROM,
    },
]

# Defaults every commune starts from (rows without a commune); a commune officer overrides them.
DEFAULT_TARGETS: dict[str, dict[str, float]] = {
    "street": {"acceptance_rate": 0.70, "activity_rate": 0.50},
    "market": {"acceptance_rate": 0.70, "activity_rate": 0.50, "fee_cashless_share_value": 0.70},
    "village": {"acceptance_rate": 0.50, "activity_rate": 0.30, "ocop_online_share": 0.50,
                "epay_account_share": 0.70, "smartphone_share": 0.80, "digital_skills_share": 0.50,
                "zalo_household_share": 0.80},
    "commune": {"acceptance_rate": 0.50, "activity_rate": 0.30, "ocop_online_share": 0.50,
                "fee_cashless_share_value": 0.50},
}


def _upsert_indicators() -> tuple[int, int]:
    return upsert_by_code(Indicator, (
        {"unit": "%", "source": "computed", "effective_to": None, **entry, "position": position}
        for position, entry in enumerate(CATALOGUE, start=1)))


def _insert_default_targets() -> int:
    query = select(Target.scope_kind, Target.indicator_code).where(Target.commune_code.is_(None))
    present = {tuple(row) for row in db.session.execute(query)}
    added = 0
    for kind, targets in DEFAULT_TARGETS.items():
        for code, value in targets.items():
            if (kind, code) not in present:
                db.session.add(Target(commune_code=None, scope_kind=kind, indicator_code=code, value=value,
                                      set_by="seed-indicators"))
                added += 1
    db.session.flush()
    return added


def seed_indicators() -> dict[str, int]:
    """Insert or update the catalogue and add missing default targets; edited defaults are kept."""
    added, changed = _upsert_indicators()
    return {"indicators_added": added, "indicators_updated": changed, "default_targets_added": _insert_default_targets()}

"""Vietnamese labels of the register's statuses, kinds and OCOP groups, for every template."""
from market.core.i18n import lazy_gettext
from merchants.models import OCOP_GROUPS

STATUS_VI = {
    "pending": lazy_gettext("Chờ duyệt"),
    "active": lazy_gettext("Đang hoạt động"),
    "suspended": lazy_gettext("Tạm ngừng"),
    "closed": lazy_gettext("Đã đóng"),
}
ACCOUNT_STATUS_VI = {
    "pending": lazy_gettext("Chờ xác nhận"),
    "active": lazy_gettext("Đã xác nhận"),
    "disabled": lazy_gettext("Tạm khoá"),
    "removed": lazy_gettext("Đã gỡ"),
}
KIND_VI = {
    "bank_account": lazy_gettext("Tài khoản ngân hàng"),
    "card": lazy_gettext("Thẻ"),
    "ewallet": lazy_gettext("Ví điện tử"),
}
LEVEL_VI = {"province": lazy_gettext("Cấp tỉnh"), "central": lazy_gettext("Trung ương")}


def labels() -> dict[str, object]:
    """Vietnamese labels for statuses, kinds and OCOP groups (a template context processor)."""
    return {"STATUS_VI": STATUS_VI, "ACCOUNT_STATUS_VI": ACCOUNT_STATUS_VI, "KIND_VI": KIND_VI,
            "LEVEL_VI": LEVEL_VI, "OCOP_GROUPS": OCOP_GROUPS}

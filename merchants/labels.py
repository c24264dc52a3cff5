"""Vietnamese labels of the register's statuses, kinds and OCOP groups, for every template."""
from merchants.models import OCOP_GROUPS

STATUS_VI = {"pending": "Chờ duyệt", "active": "Đang hoạt động", "suspended": "Tạm ngừng", "closed": "Đã đóng"}
ACCOUNT_STATUS_VI = {"pending": "Chờ xác nhận", "active": "Đã xác nhận", "disabled": "Tạm khoá",
                     "removed": "Đã gỡ"}
KIND_VI = {"bank_account": "Tài khoản ngân hàng", "card": "Thẻ", "ewallet": "Ví điện tử"}
LEVEL_VI = {"province": "Cấp tỉnh", "central": "Trung ương"}


def labels() -> dict[str, object]:
    """Vietnamese labels for statuses, kinds and OCOP groups (a template context processor)."""
    return {"STATUS_VI": STATUS_VI, "ACCOUNT_STATUS_VI": ACCOUNT_STATUS_VI, "KIND_VI": KIND_VI,
            "LEVEL_VI": LEVEL_VI, "OCOP_GROUPS": OCOP_GROUPS}

"""What each role does, as links from its home page: no page needs a typed address or id."""
from dataclasses import dataclass

from flask import url_for

from market.auth.principal import Principal
from market.core.i18n import gettext


@dataclass(frozen=True)
class Link:
    """One task of the role and the page where it is done."""

    text: str
    url: str


def _merchant(p: Principal) -> list[Link]:
    if p.merchant_id is None:
        return []
    return [Link(gettext("Ghi bán hàng"), url_for("transactions.sale")),
            Link(gettext("Tiền đã về (màn hình đọc to tiền vào)"), url_for("live.money_screen")),
            Link(gettext("Người xem tiền về (người nhà trông sạp)"), url_for("live.helpers")),
            Link(gettext("Phí chợ của tôi"), url_for("fees.mine")),
            Link(gettext("Tạo mã QR có số tiền"), url_for("cards.sale_qr", merchant_id=p.merchant_id)),
            Link(gettext("Báo cáo tổng ngày"), url_for("transactions.tally")),
            Link(gettext("Lịch sử bán hàng, sửa giao dịch ghi nhầm"), url_for("books.history_page")),
            Link(gettext("Sổ doanh thu (mẫu S1a-HKD), tải Excel/PDF"), url_for("books.book_page")),
            Link(gettext("Nhập sao kê ngân hàng"), url_for("transactions.statement_import")),
            Link(gettext("Hộ kinh doanh của tôi, tài khoản, thẻ QR"),
                 url_for("merchants.detail", merchant_id=p.merchant_id)),
            Link(gettext("Trang công khai của tôi"), url_for("merchants.public", merchant_id=p.merchant_id))]


def _village_head(p: Principal) -> list[Link]:
    if p.village_id is None:
        return []
    return [Link(gettext("Hộ kinh doanh của thôn"), url_for("merchants.index", village=p.village_id)),
            Link(gettext("Đăng ký hộ kinh doanh mới"), url_for("merchants.create")),
            Link(gettext("Nhập danh sách từ Excel"), url_for("imports.upload")),
            Link(gettext("In thẻ QR cả thôn"), url_for("cards.print_sheets", village=p.village_id)),
            Link(gettext("Thống kê thôn"), url_for("stats.dashboard", kind="village", ident=p.village_id)),
            Link(gettext("Phí chợ: hoá đơn, ai đã nộp"), url_for("fees.index")),
            Link(gettext("Số liệu khảo sát của thôn"), url_for("stats.survey_page", village_id=p.village_id)),
            Link(gettext("Tài khoản đăng nhập của thôn"), url_for("users.index"))]


def _commune(p: Principal) -> list[Link]:
    if p.commune_code is None:
        return []
    return [Link(gettext("Các thôn của xã"), url_for("places.index", commune=p.commune_code)),
            Link(gettext("Hộ kinh doanh của xã"), url_for("merchants.index")),
            Link(gettext("Thống kê xã"), url_for("stats.dashboard", kind="commune", ident=p.commune_code)),
            Link(gettext("So sánh các thôn"), url_for("stats.compare_page", commune=p.commune_code)),
            Link(gettext("Chỉ tiêu của xã"), url_for("stats.targets_page", commune=p.commune_code)),
            Link(gettext("In thẻ QR"), url_for("cards.print_sheets")),
            Link(gettext("Tiền vào chưa khớp tài khoản"), url_for("transactions.unmatched")),
            Link(gettext("Nguồn tiền vào từ ngân hàng (SePay, Casso, payOS, VietQR.vn)"), url_for("feeds.index")),
            Link(gettext("Phí chợ: hoá đơn, ai đã nộp"), url_for("fees.index")),
            Link(gettext("Nhật ký thay đổi"), url_for("audit.index")),
            Link(gettext("Tài khoản đăng nhập"), url_for("users.index"))]


def _admin(p: Principal) -> list[Link]:
    return [Link(gettext("Địa bàn (tỉnh, xã, thôn)"), url_for("places.index")),
            Link(gettext("Hộ kinh doanh"), url_for("merchants.index")),
            Link(gettext("In thẻ QR"), url_for("cards.print_sheets")),
            Link(gettext("Tiền vào chưa khớp tài khoản"), url_for("transactions.unmatched")),
            Link(gettext("Nguồn tiền vào từ ngân hàng (SePay, Casso, payOS, VietQR.vn)"), url_for("feeds.index")),
            Link(gettext("Phí chợ: hoá đơn, ai đã nộp"), url_for("fees.index")),
            Link(gettext("Nhật ký thay đổi"), url_for("audit.index")),
            Link(gettext("Tài khoản đăng nhập và mã API"), url_for("users.index"))]


ROLE_LINKS = {"merchant": _merchant, "village_head": _village_head, "commune": _commune, "admin": _admin}


def role_links(principal: Principal) -> list[Link]:
    """The tasks of the caller's role, each a link, then changing one's password."""
    tasks = ROLE_LINKS.get(principal.role or "", lambda _: [])(principal)
    return tasks + [Link(gettext("Đổi mật khẩu"), url_for("auth.change_password"))]

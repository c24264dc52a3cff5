"""Who may open a merchant's books, checked once for every page, file and API call of this feature."""
from market.auth.permissions import can_read_books, ensure
from market.auth.principal import Principal
from market.core.audit import record
from market.core.errors import AppError
from market.core.extensions import db
from market.core.i18n import gettext
from merchants.models import Merchant


def open_books(principal: Principal, merchant_id: int, what: str) -> Merchant:
    """The merchant whose books the caller may open (401, 403, then 404); an admin's reading is audited
    as `books.read` with `what` they opened."""
    ensure(principal, can_read_books(principal, merchant_id))
    merchant = db.session.get(Merchant, merchant_id)
    if merchant is None:
        raise AppError(404, "not_found", gettext("Không tìm thấy hộ kinh doanh %(id)s.", id=merchant_id))
    if principal.role == "admin":
        record(principal, "books.read", "merchant", merchant.id, after={"opened": what},
               commune_code=merchant.village.commune_code)
    return merchant

"""OCOP products: certificates with a computed 36-month expiry, and those expiring soon."""
import calendar
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from market.auth.principal import Principal
from market.core.audit import record
from market.core.errors import AppError, invalid
from market.core.extensions import db
from market.core.i18n import gettext
from merchants.models import Merchant, OcopProduct
from merchants.services import get_merchant, may_see_private, merchant_for_actor

VALIDITY_MONTHS = 36


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 month → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry(issued_on: date) -> date:
    """An OCOP certificate is valid for 36 months from its issue date."""
    return add_months(issued_on, VALIDITY_MONTHS)


def _check_level(stars: int, level: str) -> None:
    if level != ("central" if stars == 5 else "province"):
        raise invalid("level", gettext("3–4 sao do cấp tỉnh công nhận, 5 sao do Trung ương công nhận."))


def list_products(principal: Principal, merchant_id: int) -> list[OcopProduct]:
    """A merchant's products (public for active merchants)."""
    merchant = get_merchant(merchant_id)
    if merchant.status != "active" and not may_see_private(principal, merchant):
        raise AppError(
            404,
            "not_found",
            gettext("Không tìm thấy hộ kinh doanh %(merchant_id)s.", merchant_id=merchant_id),
        )
    return list(merchant.products)


def get_product(merchant: Merchant, product_id: int) -> OcopProduct:
    """One product of this merchant, or 404."""
    product = db.session.get(OcopProduct, product_id)
    if product is None or product.merchant_id != merchant.id:
        raise AppError(
            404, "not_found", gettext("Không tìm thấy sản phẩm %(product_id)s.", product_id=product_id)
        )
    return product


def _snapshot(product: OcopProduct) -> dict[str, Any]:
    return {"name": product.name, "group": product.group, "stars": product.stars, "level": product.level,
            "certificate_number": product.certificate_number, "issued_on": product.issued_on.isoformat(),
            "channels": product.channels}


def add_product(principal: Principal, merchant_id: int, data: dict[str, Any]) -> OcopProduct:
    """Add a certified product; the merchant becomes an OCOP producer."""
    merchant = merchant_for_actor(principal, merchant_id)
    product = OcopProduct(merchant_id=merchant.id, expires_on=expiry(data["issued_on"]), **data)
    merchant.is_ocop = True
    merchant.products.append(product)
    db.session.flush()
    record(principal, "ocop.add", "ocop_product", product.id, after=_snapshot(product),
           commune_code=merchant.village.commune_code)
    return product


def update_product(principal: Principal, merchant_id: int, product_id: int, data: dict[str, Any]) -> OcopProduct:
    """Change a product; the expiry follows the issue date."""
    merchant = merchant_for_actor(principal, merchant_id)
    product = get_product(merchant, product_id)
    _check_level(data.get("stars", product.stars), data.get("level", product.level))
    before = _snapshot(product)
    for key, value in data.items():
        setattr(product, key, value)
    product.expires_on = expiry(product.issued_on)
    db.session.flush()
    record(principal, "ocop.update", "ocop_product", product.id, before=before, after=_snapshot(product),
           commune_code=merchant.village.commune_code)
    return product


def remove_product(principal: Principal, merchant_id: int, product_id: int) -> None:
    """Delete a product; the merchant stays an OCOP producer only while products remain."""
    merchant = merchant_for_actor(principal, merchant_id)
    product = get_product(merchant, product_id)
    record(principal, "ocop.remove", "ocop_product", product.id, before=_snapshot(product),
           commune_code=merchant.village.commune_code)
    merchant.products.remove(product)
    db.session.delete(product)
    merchant.is_ocop = bool(merchant.products)
    db.session.flush()


def expiring(days: int, today: date | None = None) -> list[OcopProduct]:
    """Products of active merchants whose certificate expires within `days` (not yet expired)."""
    start = today or date.today()
    query = (select(OcopProduct).join(Merchant).where(
        Merchant.status == "active", OcopProduct.expires_on >= start,
        OcopProduct.expires_on <= start + timedelta(days=days))
        .options(selectinload(OcopProduct.merchant)).order_by(OcopProduct.expires_on, OcopProduct.id))
    return list(db.session.scalars(query))

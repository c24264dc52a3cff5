"""Every merchant status is logged once, whichever code path writes it and however many apps were built."""
from sqlalchemy import func, select

from market import create_app
from merchants.models import MerchantStatusChange
from tests import factories
from tests.conftest import app_config


def _logged(db, merchant):
    return db.session.scalar(select(func.count()).where(MerchantStatusChange.merchant_id == merchant.id))


def test_registration_and_each_later_status_change_are_logged_once(db):
    merchant = factories.merchant(status="pending")
    assert _logged(db, merchant) == 1
    merchant.status = "active"
    db.session.flush()
    merchant.display_name = "Quán mới"  # not a status change: nothing logged
    db.session.flush()
    assert _logged(db, merchant) == 2


def test_building_another_app_does_not_log_a_status_twice(db, database_url):
    create_app(app_config(database_url))  # registers the session listeners again, as a second worker would
    merchant = factories.merchant(status="pending")
    merchant.status = "active"
    db.session.flush()
    assert _logged(db, merchant) == 2

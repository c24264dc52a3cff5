"""Builders for the books tests: a merchant registered some years ago, with a login and a bearer token."""
import itertools
from datetime import datetime, timezone

import pytest

from tests import factories


@pytest.fixture
def seller(db):
    """(merchant registered in 2024, its user, its token headers)."""
    merchant = factories.merchant(created_at=datetime(2024, 3, 1, tzinfo=timezone.utc))
    user = factories.user("merchant", merchant=merchant)
    return merchant, user, factories.auth_headers("merchant", merchant=merchant)


_references = itertools.count(1)


def credit(merchant, amount, **fields):
    """A bank credit pushed by a webhook (not typed in by the merchant)."""
    fields.setdefault("note", "NGUYEN VAN A chuyen tien")
    fields.setdefault("reference", f"FT26{next(_references):08d}")
    return factories.transaction(merchant, amount, "bank_transfer", source="webhook", **fields)

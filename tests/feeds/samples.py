"""The providers' documented samples (tests/data/feeds) and small helpers to post them."""
import copy
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from market.core.clock import LOCAL_TZ
from market.core.dbtypes import utcnow

DATA = Path(__file__).parent.parent / "data" / "feeds"


def sample(provider: str) -> dict[str, Any]:
    """A fresh copy of the provider's documented sample."""
    return copy.deepcopy(json.loads((DATA / f"{provider}.json").read_text(encoding="utf-8")))


def local_now(minutes: int = 0) -> str:
    """A provider-style naive Viet Nam time, `minutes` from now."""
    return (utcnow() + timedelta(minutes=minutes)).astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M:%S")


def url(name: str) -> str:
    """Where a feed receives."""
    return f"/api/v1/feeds/{name}"

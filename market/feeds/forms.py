"""Read the feeds page's forms and filters into the API's own shapes."""
from collections.abc import Mapping
from typing import Any

from market.core.forms import form_values, load, load_or_422
from market.feeds.schemas import DeliveryQuerySchema, DisableSchema, FeedInSchema, ReconcileQuerySchema

FEED_FIELDS = ("name", "provider", "commune_code", "secret", "silence_hours")


def feed_form(form: Mapping[str, str]) -> dict[str, Any]:
    """The new-feed form (FormInvalid naming the fields)."""
    return load(FeedInSchema(), form_values(form, FEED_FIELDS))


def disable_form(form: Mapping[str, str]) -> dict[str, Any]:
    """The disable form: a reason is required."""
    return load(DisableSchema(), {"reason": (form.get("reason") or "").strip()})


def log_filters(args: Mapping[str, str]) -> dict[str, Any]:
    """The log's filters from the query string (422 page naming a bad one)."""
    return load_or_422(DeliveryQuerySchema(), form_values(args, ("feed", "outcome", "from", "to")),
                       "Bộ lọc không hợp lệ.")


def reconcile_filters(args: Mapping[str, str]) -> dict[str, Any] | None:
    """The reconciliation's account and days, or None before the form is filled in."""
    values = form_values(args, ("account_id", "from", "to"))
    return load_or_422(ReconcileQuerySchema(), values, "Tài khoản hoặc ngày không hợp lệ.") if values else None

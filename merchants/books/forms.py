"""Read the books pages' query strings and small forms into the API's validated shapes."""
from collections.abc import Mapping
from typing import Any

from market.core.clock import today
from market.core.forms import form_values, load_or_422, parse
from market.core.i18n import N_
from merchants.books.schemas import BookQuerySchema, HistoryQuerySchema, MarkSchema, TaxCodeSchema


def history_query(args: Mapping[str, str]) -> dict[str, Any]:
    """view, day, q, cursor from the history page's address (422 page naming a bad one)."""
    return load_or_422(HistoryQuerySchema(), form_values(args, ("view", "day", "q", "cursor")),
                       N_("Bộ lọc không hợp lệ."))


def book_query(args: Mapping[str, str]) -> dict[str, Any]:
    """year (default this year) and quarter from the book page's address."""
    values = form_values(args, ("year", "quarter"))
    values.setdefault("year", today().year)
    return load_or_422(BookQuerySchema(), values, N_("Kỳ sổ không hợp lệ."))


def reason(form: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The reason of a correction, or the messages naming it."""
    return parse(MarkSchema(), form_values(form, ("reason",)))


def tax_code(form: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The tax code as typed (blank clears it)."""
    return parse(TaxCodeSchema(), {"tax_code": (form.get("tax_code") or "").strip() or None})

"""URL converters."""
from typing import Any

from werkzeug.routing import IntegerConverter, Map


class IdConverter(IntegerConverter):
    """`<int:…>` path ids: positive and within a 32-bit column, so an absurd id is a 404, not a driver error."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)

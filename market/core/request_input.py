"""Every request's input checked once, before any view or schema sees it: a JSON body that the parsers
cannot hold (nesting, giant numbers, NaN), and text no field may carry (NUL, lone surrogates, bidi
controls). One mechanism for the API's query strings and JSON and for page forms, on both databases."""
import json
from collections.abc import Iterator
from typing import Any

from flask import request

from market.core.errors import AppError
from market.core.i18n import gettext

MAX_DEPTH = 32
MAX_NUMBER_DIGITS = 40
# Characters that reorder how text is shown (U+202A–202E, U+2066–2069, LRM/RLM/ALM): a name holding
# them can read "gnp.exe" as "exe.png". No Vietnamese text needs them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Bank notifications are recorded as sent (the money arrived); only what the database cannot store is refused.
VERBATIM_PREFIXES = ("/api/v1/webhooks/bank", "/api/v1/feeds/")


def _number(text: str) -> int | float:
    if len(text.lstrip("-").replace(".", "").split("e")[0].split("E")[0]) > MAX_NUMBER_DIGITS:
        raise ValueError("number too long")
    return float(text) if any(c in text for c in ".eE") else int(text)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _refuse_body(message: str) -> AppError:
    return AppError(400, "bad_request", message, {"body": [message]})


def _too_deep(document: Any) -> bool:
    """True when arrays/objects nest deeper than MAX_DEPTH (walked without recursion)."""
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is None:
            continue
        if depth > MAX_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def parse_json_body(raw: bytes) -> Any:
    """The JSON document of a body, or a 4xx naming why (never a RecursionError or a 500): 400 when it
    cannot be held, 422 naming the field of a string no database can store (NUL, lone surrogates)."""
    try:
        document = json.loads(raw, parse_int=_number, parse_float=_number, parse_constant=_no_constant)
    except RecursionError:
        raise _refuse_body(gettext("JSON lồng quá sâu (tối đa %(depth)s cấp).", depth=MAX_DEPTH)) from None
    except (ValueError, UnicodeDecodeError):
        raise _refuse_body(gettext("Nội dung không phải JSON hợp lệ (số tối đa %(digits)s chữ số).",
                                    digits=MAX_NUMBER_DIGITS)) from None
    if _too_deep(document):
        raise _refuse_body(gettext("JSON lồng quá sâu (tối đa %(depth)s cấp).", depth=MAX_DEPTH))
    _refuse_text([document], names=False)
    return document


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(dotted path, text) of every string in a document, keys included."""
    stack = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            yield where or "body", item
        elif isinstance(item, dict):
            for key, child in item.items():
                name = f"{where}.{key}" if where else str(key)
                stack.append((key, name))
                stack.append((child, name))
        elif isinstance(item, list):
            stack.extend((child, f"{where}.{index}" if where else str(index)) for index, child in enumerate(item))


def text_problem(text: str, names: bool = True) -> str | None:
    """Why a piece of text cannot be stored, or None."""
    if "\x00" in text:
        return gettext("Không được chứa ký tự NUL (\\u0000).")
    if any("\ud800" <= char <= "\udfff" for char in text):
        return gettext("Có ký tự Unicode không hợp lệ (surrogate đơn lẻ).")
    if names and any(char in BIDI_CONTROLS for char in text):
        return gettext("Không được chứa ký tự điều khiển hướng chữ (RLO, LRO…).")
    return None


def _refuse_text(sources: list[Any], names: bool) -> None:
    """A 422 naming the first field whose text `text_problem` refuses."""
    for source in sources:
        for where, text in _strings(source, ""):
            problem = text_problem(text, names)
            if problem:
                raise AppError(422, "validation_error", gettext("Dữ liệu không hợp lệ ở “%(where)s”: %(problem)s", where=where, problem=problem),
                               {where: [problem]})


def check_request_input() -> None:
    """Refuse, with a 4xx naming the field, input that no view should ever see."""
    sources: list[Any] = [request.args.to_dict(flat=False)]
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        if request.is_json and (raw := request.get_data(cache=True)):
            # An empty body is no document (VietQR.vn's token request has none); views decide if they need one.
            sources.append(parse_json_body(raw))
        elif request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            sources.append(request.form.to_dict(flat=False))
    _refuse_text(sources, names=not request.path.startswith(VERBATIM_PREFIXES))

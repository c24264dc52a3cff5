"""EMVCo TLV: two-digit tag, two-digit length (characters), value."""

__all__ = ["SIZES", "emit", "parse"]

# Two-character digit strings and their values: one dict lookup validates and converts.
SIZES = {f"{n:02d}": n for n in range(100)}


def emit(tag: str, value: str) -> str:
    """Return one data object; values longer than 99 characters cannot be encoded."""
    size = len(value)
    if size > 99:
        raise ValueError(f"tag {tag}: value is {size} characters, TLV allows at most 99")
    return f"{tag}{size:02d}{value}"


def parse(text: str, errors: list[str], path: str = "") -> dict[str, str]:
    """Map each tag of text to its value, appending every structural fault to errors."""
    values: dict[str, str] = {}
    sizes = SIZES
    pos, end = 0, len(text)
    last = end - 4
    while pos < end:
        start = pos + 4
        tag, size = text[pos : pos + 2], sizes.get(text[pos + 2 : start])
        if size is None or tag not in sizes:
            errors.append(_bad_head(text[pos:start], path))
            break
        stop = start + size
        if stop > last and stop != end:
            # Lenient recovery: a last element whose length is off by a few characters keeps
            # the remainder, so the misprinted NAPAS example still yields its account.
            errors.append(
                f"tag {path}{tag}: declared length {size:02d} but {end - start} characters "
                "remain; took them all as its value"
            )
            stop = end
        if tag in values:
            errors.append(f"duplicate tag {path}{tag}")
        else:
            values[tag] = text[start:stop]
        pos = stop
    return values


def _where(path: str) -> str:
    return f"template {path[:-1]}" if path else "payload"


def _bad_head(head: str, path: str) -> str:
    if len(head) < 4:
        return f"{_where(path)}: trailing {head!r} is too short to be an element"
    if head[:2] not in SIZES:
        return f"{_where(path)}: tag {head[:2]!r} is not two digits"
    return f"tag {path}{head[:2]}: length {head[2:]!r} is not two digits"

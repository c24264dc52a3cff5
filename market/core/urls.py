"""Checks on URLs that come from the client."""
import unicodedata
from urllib.parse import unquote, urlsplit


def _suspicious(text: str) -> bool:
    """Whitespace, control characters or backslashes: browsers drop or rewrite them, turning a path into a host."""
    return any(char.isspace() or char == "\\" or unicodedata.category(char)[0] == "C" for char in text)


def same_site_path(target: str | None) -> str | None:
    """`target` if it is a plain path on this site ("/users/?q=1"), else None (other hosts, schemes,
    protocol-relative "//host", and anything hiding one behind encoding, tabs, newlines or backslashes)."""
    if not target or len(target) > 2048:
        return None
    decoded = target
    for _ in range(3):  # undo double and triple encoding too
        if _suspicious(decoded):
            return None
        parts = urlsplit(decoded)
        if parts.scheme or parts.netloc or not decoded.startswith("/") or decoded.startswith("//"):
            return None
        decoded = unquote(decoded)
    return target

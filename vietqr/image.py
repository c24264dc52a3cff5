"""QR images for VietQR payloads: a thin adapter over `qrcode` (encoding) and Pillow (raster)."""

from __future__ import annotations

import io

import qrcode
import qrcode.constants
from PIL import Image

Matrix = list[list[bool]]

_LEVELS = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}
MAX_SCALE = 40
MAX_BORDER = 20
MIN_CARD_BORDER = 4


def check_error_correction(error_correction: str) -> int:
    """Return qrcode's constant for an error-correction letter, or raise ValueError."""
    if not isinstance(error_correction, str) or error_correction.upper() not in _LEVELS:
        raise ValueError(f"error_correction must be one of L, M, Q, H, not {error_correction!r}")
    return int(_LEVELS[error_correction.upper()])


def check_int(name: str, value: int, low: int, high: int) -> int:
    """Return value if it is an int within [low, high], else raise ValueError naming it."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be an integer from {low} to {high}, not {value!r}")
    return value


def _check_payload(payload: str) -> str:
    if not isinstance(payload, str) or not payload:
        raise ValueError("payload must be a non-empty string")
    return payload


def qr_matrix(payload: str, *, error_correction: str = "M") -> Matrix:
    """Return the QR modules (True = dark) of the smallest fitting version, without border."""
    level = check_error_correction(error_correction)
    qr = qrcode.QRCode(version=None, error_correction=level, border=0)
    qr.add_data(_check_payload(payload))
    qr.make(fit=True)
    return [list(row) for row in qr.get_matrix()]


def matrix_image(matrix: Matrix, *, scale: int, border: int) -> Image.Image:
    """Return a mode "1" image of a module matrix, `scale` px per module, `border` quiet modules."""
    size = len(matrix)
    # Pillow's "1;8" raw mode reads one byte per pixel: 0 is black, anything else white.
    raw = b"".join(bytes(0 if dark else 255 for dark in row) for row in matrix)
    symbol = Image.frombytes("1", (size, size), raw, "raw", "1;8")
    full = size + 2 * border
    canvas = Image.new("1", (full, full), 1)
    canvas.paste(symbol, (border, border))
    return canvas.resize((full * scale, full * scale), Image.Resampling.NEAREST)


def qr_image(
    payload: str, *, scale: int = 10, border: int = 4, error_correction: str = "M"
) -> Image.Image:
    """Return the QR code of a payload as a 1-bit Pillow image."""
    check_int("scale", scale, 1, MAX_SCALE)
    check_int("border", border, 0, MAX_BORDER)
    matrix = qr_matrix(payload, error_correction=error_correction)
    return matrix_image(matrix, scale=scale, border=border)


def render_png(
    payload: str, *, scale: int = 10, border: int = 4, error_correction: str = "M"
) -> bytes:
    """Return the QR code of a payload as an optimized 1-bit PNG."""
    image = qr_image(payload, scale=scale, border=border, error_correction=error_correction)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def dark_runs(matrix: Matrix) -> list[tuple[int, int, int]]:
    """Return (x, y, length) for every horizontal run of dark modules, row by row."""
    runs: list[tuple[int, int, int]] = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append((start, y, x - start))
            else:
                x += 1
    return runs


def render_svg(
    payload: str, *, scale: int = 10, border: int = 4, error_correction: str = "M"
) -> str:
    """Return the QR code of a payload as a compact standalone SVG document."""
    check_int("scale", scale, 1, MAX_SCALE)
    check_int("border", border, 0, MAX_BORDER)
    matrix = qr_matrix(payload, error_correction=error_correction)
    full = len(matrix) + 2 * border
    path = "".join(
        f"M{x + border} {y + border}h{n}v1h-{n}z" for x, y, n in dark_runs(matrix)
    )
    side = full * scale
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{side}" height="{side}" '
        f'viewBox="0 0 {full} {full}" shape-rendering="crispEdges">'
        f'<rect width="{full}" height="{full}" fill="#fff"/>'
        f'<path fill="#000" d="{path}"/></svg>\n'
    )

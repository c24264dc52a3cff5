"""QR images: every rendering scans back to exactly its payload; bad arguments are refused."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from vietqr.image import qr_image, qr_matrix, render_png, render_svg

VECTORS = Path(__file__).resolve().parents[1] / "data" / "vietqr_vectors.json"
PAYLOADS = sorted(
    {v["payload"] for v in json.loads(VECTORS.read_text("utf-8")) if v["status"] == "valid"}
)
SHORTEST, LONGEST = min(PAYLOADS, key=len), max(PAYLOADS, key=len)


def decode(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("level", ["L", "M", "Q", "H"])
def test_png_of_every_valid_vector_decodes_to_exactly_its_payload(payload: str, level: str) -> None:
    png = render_png(payload, scale=3, error_correction=level)
    assert decode(Image.open(io.BytesIO(png))) == [payload]


@pytest.mark.parametrize("scale, border", [(2, 4), (5, 4), (10, 6), (17, 20), (40, 4), (4, 2)])
def test_png_decodes_at_any_scale_and_border(scale: int, border: int) -> None:
    image = Image.open(io.BytesIO(render_png(LONGEST, scale=scale, border=border)))
    assert decode(image) == [LONGEST]


def test_png_is_a_one_bit_image_sized_by_modules_scale_and_border() -> None:
    modules = len(qr_matrix(SHORTEST))
    image = Image.open(io.BytesIO(render_png(SHORTEST, scale=7, border=3)))
    assert image.format == "PNG"
    assert image.mode == "1"
    assert image.size == ((modules + 6) * 7, (modules + 6) * 7)


def test_border_zero_starts_the_image_on_the_dark_finder_pattern() -> None:
    image = qr_image(SHORTEST, scale=4, border=0)
    assert image.size[0] == len(qr_matrix(SHORTEST)) * 4
    assert image.getpixel((0, 0)) == 0 and image.getpixel((image.width - 1, 0)) == 0


def test_image_pixels_follow_the_matrix_module_by_module() -> None:
    matrix = qr_matrix(LONGEST, error_correction="Q")
    image = qr_image(LONGEST, scale=3, border=2, error_correction="Q")
    pixels = [[image.getpixel((3 * (x + 2) + 1, 3 * (y + 2) + 1)) == 0 for x in range(len(matrix))]
              for y in range(len(matrix))]
    assert pixels == matrix


def test_matrix_is_square_without_border_and_uses_the_smallest_version() -> None:
    assert len(qr_matrix("HELLO", error_correction="L")) == 21
    matrix = qr_matrix(SHORTEST)
    assert all(len(row) == len(matrix) for row in matrix)
    assert (len(matrix) - 17) % 4 == 0
    assert all(matrix[0][:7]) and all(matrix[0][-7:]) and all(row[0] for row in matrix[:7])


def test_higher_error_correction_never_needs_a_smaller_symbol() -> None:
    sizes = [len(qr_matrix(LONGEST, error_correction=level)) for level in "LMQH"]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]


def test_svg_is_well_formed_with_a_viewbox_of_modules_plus_border() -> None:
    root = ET.fromstring(render_svg(SHORTEST, scale=5, border=4))
    full = len(qr_matrix(SHORTEST)) + 8
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == f"0 0 {full} {full}"
    assert root.get("width") == root.get("height") == str(full * 5)


def test_svg_has_one_path_and_no_external_reference() -> None:
    svg = render_svg(LONGEST)
    root = ET.fromstring(svg)
    assert len(root.findall("{http://www.w3.org/2000/svg}path")) == 1
    assert "href" not in svg and "url(" not in svg and "<image" not in svg


def test_svg_path_redraws_exactly_the_qr_matrix() -> None:
    matrix = qr_matrix(LONGEST, error_correction="H")
    path = ET.fromstring(render_svg(LONGEST, border=3, error_correction="H"))[1].get("d") or ""
    drawn = [[False] * len(matrix) for _ in matrix]
    runs = re.findall(r"M(\d+) (\d+)h(\d+)v1h-(\d+)z", path)
    assert "".join(f"M{x} {y}h{n}v1h-{m}z" for x, y, n, m in runs) == path
    for x, y, n, _ in runs:
        for column in range(int(x) - 3, int(x) - 3 + int(n)):
            drawn[int(y) - 3][column] = True
    assert drawn == matrix


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"scale": 0}, "scale"),
        ({"scale": 41}, "scale"),
        ({"scale": 2.5}, "scale"),
        ({"border": -1}, "border"),
        ({"border": 21}, "border"),
        ({"error_correction": "X"}, "error_correction"),
        ({"error_correction": ""}, "error_correction"),
    ],
)
@pytest.mark.parametrize("render", [render_png, render_svg, qr_image])
def test_bad_arguments_raise_value_error_naming_the_argument(
    render: Callable[..., object], kwargs: dict[str, object], name: str
) -> None:
    with pytest.raises(ValueError, match=name):
        render(SHORTEST, **kwargs)


def test_empty_payload_is_refused() -> None:
    with pytest.raises(ValueError, match="payload"):
        qr_matrix("")


def test_lower_case_error_correction_letter_is_accepted() -> None:
    assert qr_matrix(SHORTEST, error_correction="q") == qr_matrix(SHORTEST, error_correction="Q")


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=200))
def test_any_printable_ascii_text_round_trips_through_the_png(text: str) -> None:
    assert decode(Image.open(io.BytesIO(render_png(text, scale=2)))) == [text]

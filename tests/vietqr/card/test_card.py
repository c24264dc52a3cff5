"""Stall cards: they scan to exactly their payload, show every field legibly and fit the page."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Callable
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfbase.ttfonts import TTFont

from vietqr.card import (
    CardInfo,
    card_layout,
    iter_sheet_pdf,
    render_card_pdf,
    render_card_png,
    render_sheet_pdf,
)
from vietqr.card.layout import MARGIN_MM, WARNING, QrOp, TextOp, block_height
from vietqr.card.text import FONT_FILES, text_width_mm
from vietqr.image import qr_matrix

VECTORS = Path(__file__).resolve().parents[2] / "data" / "vietqr_vectors.json"
PAYLOADS = sorted(
    {v["payload"] for v in json.loads(VECTORS.read_text("utf-8"))
     if v["status"] == "valid" and v["kind"] == "vietqr"}
)
NAME = "Bà Nguyễn Thị Ngọc Ánh – Bánh đúc"
CARD = CardInfo(
    place_name="Chợ Đồng Xuân",
    stall="12",
    display_name=NAME,
    bank_short_name="Vietcombank",
    holder_name="NGUYEN THI NGOC ANH",
    account_number="0011012345678",
    payload=PAYLOADS[0],
    serial="ABCD1234",
    verify_url="cho40.vn/v/ABCD1234",
)
LONG = dataclasses.replace(
    CARD,
    place_name="Tuyến phố đi bộ thanh toán không dùng tiền mặt Hồ Hoàn Kiếm và phụ cận " * 2,
    stall="Ki-ốt số 127B dãy hàng khô phía cổng Bắc",
    display_name="Cửa hàng tạp hóa và đặc sản OCOP " * 6,
    holder_name="CONG TY TRACH NHIEM HUU HAN MOT THANH VIEN THUONG MAI DICH VU " * 2,
    bank_short_name="Ngân hàng TMCP Ngoại thương Việt Nam chi nhánh Hoàn Kiếm",
    account_number="9704031101234567890",
    payload=max(PAYLOADS, key=len),
)


def card(index: int) -> CardInfo:
    return dataclasses.replace(
        CARD, stall=str(index + 1), display_name=f"Hộ kinh doanh số {index + 1} – Bún chả",
        payload=PAYLOADS[index % len(PAYLOADS)], serial=f"S{index:07d}",
    )


def decode(image: Image.Image) -> list[zxingcpp.Barcode]:
    return list(zxingcpp.read_barcodes(image))


def png(info: CardInfo, **kwargs: object) -> Image.Image:
    return Image.open(io.BytesIO(render_card_png(info, **kwargs)))  # type: ignore[arg-type]


def glyph(font: ImageFont.FreeTypeFont, char: str) -> Image.Image:
    image = Image.new("L", (120, 120))
    ImageDraw.Draw(image).text((30, 30), char, font=font, fill=255)
    return image


def pdf_pages(data: bytes, dpi: int = 150) -> list[Image.Image]:
    document = pypdfium2.PdfDocument(data)
    pages = [document[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(document))]
    document.close()
    return pages


def in_slot_order(page: Image.Image) -> list[str]:
    def slot(barcode: zxingcpp.Barcode) -> int:
        point = barcode.position.top_left
        return 2 * (point.y > page.height / 2) + (point.x > page.width / 2)
    return [b.text for b in sorted(decode(page), key=slot)]


def test_card_png_is_a6_at_300_dpi_in_one_bit_mode() -> None:
    image = png(CARD)
    assert image.size == (1240, 1748)
    assert image.mode == "1"
    assert round(image.info["dpi"][0]) == 300


@pytest.mark.parametrize("payload", PAYLOADS)
def test_card_png_decodes_to_exactly_its_payload(payload: str) -> None:
    assert [b.text for b in decode(png(dataclasses.replace(CARD, payload=payload)))] == [payload]


@pytest.mark.parametrize("info", [CARD, LONG], ids=["usual", "long"])
def test_card_qr_is_at_least_55_percent_of_the_card_width(info: CardInfo) -> None:
    image = png(info)
    (barcode,) = decode(image)
    position = barcode.position
    assert position.top_right.x - position.top_left.x >= 0.55 * image.width


@pytest.mark.parametrize("info", [CARD, LONG], ids=["usual", "long"])
def test_card_qr_keeps_a_blank_quiet_zone_of_four_modules(info: CardInfo) -> None:
    image = png(info).convert("L")
    qr = next(op for op in card_layout(info).ops if isinstance(op, QrOp))
    px = 300 / 25.4
    x0, y0, module = round(qr.x * px), round(qr.y * px), round(qr.module * px)
    side, quiet = module * len(qr.matrix), 4 * module
    zone = image.crop((x0 - quiet, y0 - quiet, x0 + side + quiet, y0 + side + quiet))
    zone.paste(255, (quiet, quiet, quiet + side, quiet + side))
    assert zone.getextrema() == (255, 255)


def test_a5_card_is_148_by_210_mm_and_decodes() -> None:
    image = png(CARD, size="A5")
    assert image.size == (1748, 2480)
    assert [b.text for b in decode(image)] == [CARD.payload]


def test_card_at_a_lower_dpi_still_decodes() -> None:
    assert [b.text for b in decode(png(LONG, dpi=150))] == [LONG.payload]


def test_font_has_a_real_glyph_for_every_vietnamese_character_printed() -> None:
    text = NAME + WARNING + "ẠẶẬẸỆỈỊỌỘỢỤỰỲỴỶỸƯƠĐđươ ·…"
    for bold, path in FONT_FILES.items():
        char_to_glyph = TTFont("t", str(path)).face.charToGlyph
        assert {c for c in text if ord(c) not in char_to_glyph} == set()
        font = ImageFont.truetype(str(path), 48)
        notdef = glyph(font, "\ue000")
        for char in set(text) - {" "}:
            drawn = glyph(font, char)
            assert drawn.getbbox() is not None and drawn.tobytes() != notdef.tobytes(), (bold, char)


def test_card_shows_every_required_field_and_the_warning_line() -> None:
    texts = [op.text for op in card_layout(CARD).ops if isinstance(op, TextOp)]
    for expected in ["Chợ Đồng Xuân · Số 12", "Vietcombank · STK 0011012345678",
                     "NGUYEN THI NGOC ANH", "QUÉT MÃ ĐỂ THANH TOÁN"]:
        assert expected in texts
    joined = " ".join(texts)
    assert NAME in joined
    assert WARNING in joined and "ABCD1234" in joined and "cho40.vn/v/ABCD1234" in joined
    assert "VietQR" in joined and "NAPAS 247" in joined


def test_a_card_without_stall_shows_the_place_alone() -> None:
    texts = [op.text for op in card_layout(dataclasses.replace(CARD, stall=None)).ops
             if isinstance(op, TextOp)]
    assert "Chợ Đồng Xuân" in texts


@pytest.mark.parametrize("size", ["A6", "A5"])
def test_long_texts_wrap_or_shrink_inside_the_margins_without_touching_each_other(size: str) -> None:
    layout = card_layout(LONG, size=size)
    k = layout.width / 105
    qr = next(op for op in layout.ops if isinstance(op, QrOp))
    quiet_top = qr.y - 4 * qr.module
    quiet_bottom = qr.y + (len(qr.matrix) + 4) * qr.module
    for op in (op for op in layout.ops if isinstance(op, TextOp)):
        width = text_width_mm(op.text, op.bold, op.size_pt)
        assert op.x - width / 2 >= MARGIN_MM * k - 0.01 and op.x + width / 2 <= layout.width - MARGIN_MM * k + 0.01
        top, bottom = op.y - op.size_pt * 25.4 / 72, op.y + 0.3 * op.size_pt * 25.4 / 72
        assert bottom <= quiet_top or top >= quiet_bottom, op.text
        assert top >= 0 and bottom <= layout.height
    assert block_height(10, 2) > block_height(10, 1) > 0


def test_a_long_display_name_keeps_its_words_in_order() -> None:
    name = "Bà Nguyễn Thị Ngọc Ánh – Bánh đúc nóng, bánh giò, bánh khúc gia truyền ba đời"
    texts = [op.text for op in card_layout(dataclasses.replace(CARD, display_name=name)).ops
             if isinstance(op, TextOp) and op.bold and op.text not in ("QUÉT MÃ ĐỂ THANH TOÁN",)]
    assert name in " ".join(texts)


def test_card_pdf_is_one_a6_page_that_decodes_to_the_payload() -> None:
    document = pypdfium2.PdfDocument(render_card_pdf(CARD))
    assert len(document) == 1
    width, height = document[0].get_size()
    document.close()
    assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (105, 148)
    (page,) = pdf_pages(render_card_pdf(CARD))
    assert [b.text for b in decode(page)] == [CARD.payload]


def test_card_pdf_is_the_same_bytes_for_the_same_card() -> None:
    assert render_card_pdf(CARD) == render_card_pdf(CARD)


def test_sheet_puts_four_cards_a_page_in_the_given_order() -> None:
    cards = [card(i) for i in range(10)]
    pages = pdf_pages(render_sheet_pdf(cards))
    assert len(pages) == 3
    assert [text for page in pages for text in in_slot_order(page)] == [c.payload for c in cards]


def test_sheet_pages_are_a4_portrait() -> None:
    document = pypdfium2.PdfDocument(render_sheet_pdf([card(i) for i in range(5)]))
    sizes = {tuple(round(v * 25.4 / 72) for v in document[i].get_size()) for i in range(len(document))}
    document.close()
    assert sizes == {(210, 297)}


def test_sheet_draws_cut_guides_between_the_cards() -> None:
    (page,) = pdf_pages(render_sheet_pdf([card(0)]), dpi=100)
    column = round(105 / 25.4 * 100)
    strip = page.crop((column - 1, 0, column + 2, 40))
    assert min(strip.convert("L").tobytes()) < 200


def test_twenty_card_sheet_weighs_at_most_15_kb_a_card() -> None:
    assert len(render_sheet_pdf([card(i) for i in range(20)])) <= 20 * 15 * 1024


def test_streamed_sheet_equals_the_rendered_sheet_and_comes_in_chunks() -> None:
    cards = [card(i) for i in range(6)]
    chunks = list(iter_sheet_pdf(iter(cards), chunk_bytes=4096))
    assert b"".join(chunks) == render_sheet_pdf(cards)
    assert len(chunks) > 1 and all(len(chunk) <= 4096 for chunk in chunks)


def test_sheet_is_written_to_a_file_object() -> None:
    out = io.BytesIO()
    assert render_sheet_pdf((card(i) for i in range(3)), out) is None
    assert out.getvalue() == render_sheet_pdf([card(i) for i in range(3)])


def test_sheet_without_cards_is_refused() -> None:
    with pytest.raises(ValueError, match="cards"):
        render_sheet_pdf([])


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: render_card_png(CARD, size="A4"), "size"),
        (lambda: render_card_pdf(CARD, size="a6"), "size"),
        (lambda: render_card_png(CARD, dpi=10), "dpi"),
        (lambda: render_card_png(CARD, dpi=2400), "dpi"),
        (lambda: render_card_png(dataclasses.replace(CARD, display_name=" ")), "display_name"),
        (lambda: render_card_pdf(dataclasses.replace(CARD, payload="")), "payload"),
        (lambda: render_sheet_pdf([CARD, dataclasses.replace(CARD, serial="")]), "serial"),
    ],
)
def test_bad_arguments_raise_value_error_naming_the_argument(call: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_something_that_is_not_card_info_is_refused() -> None:
    with pytest.raises(TypeError, match="CardInfo"):
        render_card_png({"payload": CARD.payload})  # type: ignore[arg-type]


def test_card_info_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        CARD.serial = "X"  # type: ignore[misc]


def test_qr_on_the_card_is_the_payload_matrix() -> None:
    qr = next(op for op in card_layout(CARD).ops if isinstance(op, QrOp))
    assert qr.matrix == qr_matrix(CARD.payload)

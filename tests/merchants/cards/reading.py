"""Read our rendered QR codes back the way a phone would: zxing-cpp on the pixels (via merchants.photo)."""
import io

import pypdfium2
from vietnam_qr_pay import QRPay

from merchants.cards.photo import read_qr_texts

PDF_DPI = 200


def png_payloads(data: bytes) -> list[str]:
    """Every QR text found in a PNG."""
    return read_qr_texts(data)


def pdf_page_payloads(data: bytes) -> list[list[str]]:
    """The QR texts found on each page of a PDF, page by page (rendered at 200 dpi)."""
    document = pypdfium2.PdfDocument(data)
    try:
        pages = []
        for index in range(len(document)):
            image = document[index].render(scale=PDF_DPI / 72, grayscale=True).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            pages.append(read_qr_texts(buffer.getvalue()))
        return pages
    finally:
        document.close()


def pdf_text(data: bytes) -> str:
    """All text of a PDF, to check names keep their diacritics."""
    document = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def parsed(payload: str) -> QRPay:
    """An independent parser's view of a payload (not our codec), to check what it asks for."""
    return QRPay(payload)

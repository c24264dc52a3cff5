"""The one adapter over zxing-cpp: read the QR codes in an uploaded photo, kept in memory only."""
import io
import warnings

import zxingcpp
from PIL import Image, ImageOps, UnidentifiedImageError

from market.core.i18n import gettext

ALLOWED_FORMATS = ("JPEG", "PNG")
MAX_SIDE = 2000  # phone photos are shrunk first: a QR filling part of the frame still reads at this size


class PhotoError(ValueError):
    """The upload is not a readable JPEG or PNG image."""


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ALLOWED_FORMATS:
                raise PhotoError(gettext("Chỉ nhận ảnh JPEG hoặc PNG."))
            image.draft("L", (MAX_SIDE, MAX_SIDE))
            image.load()
    except PhotoError:
        raise
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, Image.DecompressionBombWarning,
            SyntaxError, ValueError):
        raise PhotoError(gettext("Không đọc được ảnh (JPEG/PNG bị hỏng?).")) from None
    return image


def read_qr_texts(data: bytes) -> list[str]:
    """The text of every QR code found in a JPEG or PNG photo."""
    image = ImageOps.exif_transpose(_open(data)).convert("L")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return [barcode.text for barcode in found if barcode.text]

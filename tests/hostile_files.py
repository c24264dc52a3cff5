"""Hostile spreadsheets, built at test time: a far cell under a huge declared dimension, zip bombs,
billion laughs, too many rows, one enormous row. Shared by the tests and `bench/hostile_files.py`."""
import io
import zipfile
from collections.abc import Iterable
from typing import Any

from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
    'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="'
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
PACKAGE_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships '
                f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" '
                f'Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} xmlns:r="{REL}"><sheets>'
            f'<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships '
                 f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" '
                 f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/sharedStrings" '
                 f'Target="sharedStrings.xml"/></Relationships>')
EMPTY_STRINGS = f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} count="0" uniqueCount="0"></sst>'


def inline_row(number: int, *values: str) -> bytes:
    """One `<row>` of inline-string cells from column A."""
    cells = "".join(f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
                    for i, value in enumerate(values))
    return f'<row r="{number}">{cells}</row>'.encode()


def xlsx(rows: Iterable[bytes], dimension: str = "A1", shared_strings: bytes | None = None) -> bytes:
    """A minimal XLSX whose first sheet holds `rows` (XML fragments, streamed into the zip)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", PACKAGE_RELS),
                           ("xl/workbook.xml", WORKBOOK), ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)):
            archive.writestr(name, text)
        archive.writestr("xl/sharedStrings.xml", shared_strings or EMPTY_STRINGS.encode())
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>'
                        f'<dimension ref="{dimension}"/><sheetData>'.encode())
            for row in rows:
                sheet.write(row)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def far_cell(header: tuple[str, ...] = ("Ngày giao dịch", "Số tiền ghi có")) -> bytes:
    """About 1.6 KB: declares A1:XFD1048576 and holds one cell at XFD1048576, below a real header."""
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return xlsx([inline_row(1, *header), far], dimension="A1:XFD1048576")


def zip_bomb(unpacked_mb: int) -> bytes:
    """A sheet that unpacks to `unpacked_mb` MB of the same row over and over (ratio in the hundreds)."""
    row = b'<row><c t="inlineStr"><is><t>0</t></is></c></row>'
    chunk = row * (1024 * 1024 // len(row))
    return xlsx(chunk for _ in range(unpacked_mb))


def billion_laughs() -> bytes:
    """Shared strings that define entities nine levels deep (a billion `lol`s once expanded)."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    strings = (f'<?xml version="1.0"?><!DOCTYPE sst [{entities}]><sst {NS} count="1" uniqueCount="1">'
               f"<si><t>&lol9;</t></si></sst>")
    return xlsx([b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'], shared_strings=strings.encode())


def many_rows_xlsx(count: int) -> bytes:
    """A header and `count` small rows (dates and amounts as text)."""
    rows = (inline_row(n + 1, "25/03/2026", str(1000 + n)) for n in range(1, count + 1))
    return xlsx([inline_row(1, "Ngày giao dịch", "Số tiền ghi có"), *rows])


def huge_row(kilobytes: int) -> bytes:
    """One row of `kilobytes` KB of distinct cells (the parser builds a row as one tree)."""
    cells = b"".join(b'<c r="A1"><v>%d</v></c>' % n for n in range(kilobytes * 1024 // 22))
    return xlsx([b'<row r="1">' + cells + b"</row>"])


def many_lines_csv(count: int, line: bytes = b"25/03/2026;1000\n") -> bytes:
    """A CSV of a header and `count` identical short lines."""
    return "Ngày giao dịch;Số tiền ghi có\n".encode() + line * count


def multipart(fields: dict[str, str], content: bytes, name: str) -> dict[str, Any]:
    """Keyword arguments for `client.post` with the file encoded in memory (the test client spools big
    bodies to a temporary file that stays open when the server refuses the upload early)."""
    boundary, body = encode_multipart({**fields, "file": FileStorage(io.BytesIO(content), name)})
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}


def repeated_memo(count: int, day: str) -> bytes:
    """`count` credits on `day` that all point at one 500-character Vietnamese memo in the shared strings."""
    memo = ("Chuyển tiền mua hàng chợ quê " * 20)[:500]
    strings = (f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} count="2" uniqueCount="2">'
               f"<si><t>{memo}</t></si><si><t>{day}</t></si></sst>").encode()
    cells = b'<c r="A%d" t="s"><v>1</v></c><c r="B%d"><v>%d</v></c><c r="C%d" t="s"><v>0</v></c>'
    rows = (b'<row r="%d">' % n + cells % (n, n, 1_000 + n, n) + b"</row>" for n in range(2, count + 2))
    header = inline_row(1, "Ngày giao dịch", "Số tiền ghi có", "Nội dung")
    return xlsx([header, *rows], shared_strings=strings)


def junk_elements(count: int) -> bytes:
    """`count` empty elements of no known kind between rows (a parser keeps each until the end)."""
    junk = b"".join(b'<x a="%d"/>' % n for n in range(1_000))
    rows = (junk + b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n)
            for n in range(1, count // 1_000 + 1))
    return xlsx(rows)

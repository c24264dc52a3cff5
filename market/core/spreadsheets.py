"""Read an uploaded spreadsheet (XLSX or CSV) with bounded memory and time, whatever the file declares.

Every import reads through `sheet_rows`: the zip directory of an XLSX is checked (member sizes, total,
ratio), then big members are streamed through expat (row count, size of one row or shared string, elements
the parser would keep, no DTD) before openpyxl reads them, through defusedxml (no XML entities); the
declared sheet dimension is ignored, rows stream at most MAX_COLUMNS wide, and the number of rows is capped
before the caller spends time on them.
"""
import csv
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any
from xml.parsers import expat

from defusedxml import DefusedXmlException  # openpyxl expands XML entities unless defusedxml is installed
from openpyxl import load_workbook

from market.core.errors import AppError
from market.core.filters import number_vi
from market.core.i18n import N_, gettext

MAX_COLUMNS = 64
ABOVE_TABLE_ROWS = 30  # a title, the account details and the header may stand above the rows themselves
MAX_MEMBERS = 1_000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024  # 200,000 lines as Excel saves them take about 45 MB
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024  # below this, a member cannot hurt whatever its compression ratio
SCAN_FLOOR = 256 * 1024  # smaller members hold too few elements to matter
SCAN_CHUNK = 64 * 1024
RECORDS = frozenset({"row", "si"})
MAX_RECORD_BYTES = 128 * 1024
MAX_OUTSIDE_ELEMENTS = 100_000
Dialect = Callable[[str], Any]
BAD_XLSX = N_("Không đọc được tệp Excel (.xlsx).")
ENTITIES = N_("Tệp Excel có khai báo DTD hoặc thực thể XML (<!ENTITY>): không nhận tệp như vậy.")


def refusal(message: str, status: int = 422, code: str = "bad_file") -> AppError:
    """A refusal of the whole file, in the API's error shape, naming the `file` field."""
    return AppError(status, code, message, {"file": [message]})


def too_many_rows(max_rows: int) -> AppError:
    """The refusal of a file with more rows than one import takes."""
    return refusal(gettext("Tệp có hơn %(rows)s dòng; mỗi lần nhập tối đa %(rows)s dòng. Hãy chia thành nhiều tệp.",
                           rows=number_vi(max_rows)), 413, "too_many_rows")


def _unpacked_too_big(what: str) -> AppError:
    return refusal(gettext("Tệp Excel giải nén ra quá lớn (%(what)s); tệp bị hỏng hoặc không phải bảng tính thường.",
                           what=what),
                   413, "unpacked_too_large")


def check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse a zip whose members are too many, too big or too compressed, from its directory alone."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _unpacked_too_big(gettext("hơn %(count)s phần", count=MAX_MEMBERS))
    if sum(member.file_size for member in members) > MAX_TOTAL_BYTES:
        raise _unpacked_too_big(gettext("tổng hơn %(mb)s MB", mb=MAX_TOTAL_BYTES // 2**20))
    for member in members:
        if member.file_size > MAX_MEMBER_BYTES:
            raise _unpacked_too_big(gettext("một phần hơn %(mb)s MB", mb=MAX_MEMBER_BYTES // 2**20))
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise _unpacked_too_big(gettext("nén hơn %(ratio)s lần", ratio=MAX_RATIO))


class _MemberScan:
    """Streams one XML member through expat, in C, before openpyxl reads it: no DTD, no row or shared
    string over MAX_RECORD_BYTES (the parser builds each as one tree), no more rows than allowed, and few
    elements outside rows and shared strings (the parser keeps every one of those until the end)."""

    def __init__(self, max_rows: int):
        self.max_rows, self.rows, self.outside, self.depth, self.began = max_rows, 0, 0, 0, 0
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.StartDoctypeDeclHandler = self.doctype

    def doctype(self, *_: Any) -> None:
        raise refusal(ENTITIES, 422, "xml_entities")

    def start(self, name: str, _attributes: Any) -> None:
        if self.depth:
            self.depth += 1
            return
        local = name.rpartition(":")[2]
        if local in RECORDS:
            self.depth, self.began = 1, self.parser.CurrentByteIndex
            self.rows += local == "row"
            if self.rows > self.max_rows + ABOVE_TABLE_ROWS:
                raise too_many_rows(self.max_rows)
            return
        self.outside += 1
        if self.outside > MAX_OUTSIDE_ELEMENTS:
            raise _unpacked_too_big(gettext("hơn %(count)s thẻ XML ngoài các dòng",
                                                count=number_vi(MAX_OUTSIDE_ELEMENTS)))

    def end(self, _name: str) -> None:
        if self.depth:
            self.depth -= 1
            if not self.depth and self.parser.CurrentByteIndex - self.began > MAX_RECORD_BYTES:
                raise refusal(gettext("Tệp Excel có một dòng hoặc một ô lớn hơn 128 KB."), 413, "record_too_large")

    def feed(self, stream: Any) -> None:
        """Parse the whole member; a record still open at a chunk's end is measured as it grows."""
        while chunk := stream.read(SCAN_CHUNK):
            self.parser.Parse(chunk, False)
            if self.depth and self.parser.CurrentByteIndex - self.began > MAX_RECORD_BYTES:
                raise refusal(gettext("Tệp Excel có một dòng hoặc một ô lớn hơn 128 KB."), 413, "record_too_large")
        self.parser.Parse(b"", True)


def _count_row_tags(archive: zipfile.ZipFile, member: zipfile.ZipInfo, max_rows: int) -> None:
    """A quick first pass: `<row` as bytes, so a file far over the cap is refused in a fraction of a second
    (a tag cut by a chunk boundary, or a prefixed `<x:row`, is left to the exact count of `_MemberScan`)."""
    rows = 0
    with archive.open(member) as stream:
        while chunk := stream.read(SCAN_CHUNK * 16):
            rows += chunk.count(b"<row ") + chunk.count(b"<row>")
            if rows > max_rows + ABOVE_TABLE_ROWS:
                raise too_many_rows(max_rows)


def check_xlsx(data: bytes, max_rows: int) -> None:
    """The zip directory, then a streamed expat pass over each big member, before openpyxl reads a byte."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_archive(archive)
            for member in archive.infolist():
                if member.file_size > SCAN_FLOOR:
                    _count_row_tags(archive, member, max_rows)
                    with archive.open(member) as stream:
                        _MemberScan(max_rows).feed(stream)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError,
            ValueError, zlib.error, expat.ExpatError):
        raise refusal(BAD_XLSX) from None


def _capped(rows: Iterator[Any], max_rows: int) -> Iterator[list[Any]]:
    """Rows as lists (blank ones empty), refusing a row past `max_rows` plus the lines above the table:
    blank rows count, so a far cell at row 1,048,576 is refused at once instead of read up to."""
    for number, row in enumerate(rows, start=1):
        if number > max_rows + ABOVE_TABLE_ROWS:
            raise too_many_rows(max_rows)
        yield list(row[:MAX_COLUMNS]) if any(row) else []


def _unreadable(error: Exception) -> AppError:
    """The refusal for whatever openpyxl raised: entities are named, anything else is a broken file."""
    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, DefusedXmlException):
        cause = cause.__cause__ or cause.__context__
    return refusal(ENTITIES, 422, "xml_entities") if cause is not None else refusal(BAD_XLSX)


def _xlsx_rows(data: bytes, max_rows: int) -> Iterator[list[Any]]:
    check_xlsx(data, max_rows)
    # openpyxl raises nearly anything on a malformed part (ValueError, KeyError, ParseError, TypeError…);
    # whatever it raises while reading an uploaded file means the file cannot be read.
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001
        raise _unreadable(error) from None
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # the declared <dimension> is the file's claim, not a fact
        yield from _capped(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), max_rows)
    except AppError:
        raise
    except Exception as error:  # noqa: BLE001
        raise _unreadable(error) from None
    finally:
        book.close()


def sniffed_dialect(sample: str) -> Any:
    """The CSV dialect guessed from the first lines (`,` `;` or tab), Excel's when unsure."""
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _csv_rows(data: bytes, max_rows: int, dialect: Dialect) -> Iterator[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise refusal(gettext("Tệp CSV phải mã hoá UTF-8 (trong Excel: Lưu thành “CSV UTF-8”).")) from None
    chosen = dialect(text[:4096])
    try:
        # A first pass in C counts the rows, so an oversized file is refused before any row is checked.
        limit = max_rows + ABOVE_TABLE_ROWS
        if sum(1 for _ in islice(csv.reader(io.StringIO(text, newline=""), chosen), limit + 1)) > limit:
            raise too_many_rows(max_rows)
        yield from _capped(csv.reader(io.StringIO(text, newline=""), chosen), max_rows)
    except csv.Error as error:
        raise refusal(gettext("Tệp CSV hỏng: %(error)s.", error=error)) from None


def is_xlsx(data: bytes) -> bool:
    """Whether the bytes are a zip archive (an XLSX), by signature rather than by the file's name."""
    return data[:4] == b"PK\x03\x04"


def sheet_rows(data: bytes, max_rows: int, dialect: Dialect = sniffed_dialect) -> Iterator[list[Any]]:
    """Rows of the first sheet of an XLSX, or of a UTF-8 CSV, streamed; cells as the reader gives them."""
    if is_xlsx(data):
        return _xlsx_rows(data, max_rows)
    return _csv_rows(data, max_rows, dialect)

"""The bounded spreadsheet reader on hostile files: each is refused (or read) quickly, in little memory."""
import csv
import io
import resource
import zipfile

import pytest

from market.core import spreadsheets
from market.core.errors import AppError
from tests import hostile_files


def _refusal(data: bytes, max_rows: int = 1_000) -> AppError:
    with pytest.raises(AppError) as refused:
        for _ in spreadsheets.sheet_rows(data, max_rows):
            pass
    return refused.value


def test_a_far_cell_under_a_huge_declared_dimension_allocates_nothing_and_is_refused_at_the_cap():
    data = hostile_files.far_cell()
    assert len(data) < 2_500
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rows = spreadsheets.sheet_rows(data, 200_000)
    header = next(rows)
    assert header[:2] == ["Ngày giao dịch", "Số tiền ghi có"] and len(header) == spreadsheets.MAX_COLUMNS
    # The rows up to the far one are blank and cost nothing; row 1,048,576 is past any cap.
    with pytest.raises(AppError) as refused:
        assert not any(row for row in rows)
    assert refused.value.error_code == "too_many_rows"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KB


def test_a_zip_bomb_member_is_refused_from_the_zip_directory():
    refused = _refusal(hostile_files.zip_bomb(20))
    assert (refused.code, refused.error_code) == (413, "unpacked_too_large")
    assert "100 lần" in refused.fields["file"][0]


def test_a_member_larger_than_the_limit_is_refused_whatever_its_ratio():
    refused = _refusal(hostile_files.zip_bomb(70))
    assert (refused.code, refused.error_code) == (413, "unpacked_too_large")
    assert "64 MB" in refused.description


def test_a_doctype_is_refused_before_openpyxl_reads_the_member():
    strings = hostile_files.billion_laughs()
    padded = zipfile.ZipFile(io.BytesIO(strings)).read("xl/sharedStrings.xml").replace(
        b"</sst>", b"<si><t>" + b"a" * spreadsheets.SCAN_FLOOR + b"</t></si></sst>")
    data = hostile_files.xlsx([b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'], shared_strings=padded)
    assert _refusal(data).error_code == "xml_entities"


def test_billion_laughs_in_shared_strings_is_refused_as_xml_entities():
    refused = _refusal(hostile_files.billion_laughs())
    assert (refused.code, refused.error_code) == (422, "xml_entities")


def test_one_enormous_row_is_refused_before_the_parser_builds_it():
    refused = _refusal(hostile_files.huge_row(600))
    assert (refused.code, refused.error_code) == (413, "record_too_large")


def test_too_many_xlsx_rows_are_refused_before_any_row_is_read():
    refused = _refusal(hostile_files.many_rows_xlsx(1_100))
    assert (refused.code, refused.error_code) == (413, "too_many_rows")
    assert "1.000 dòng" in refused.description


def test_a_million_line_csv_is_refused_at_the_cap_without_reading_a_row():
    data = hostile_files.many_lines_csv(1_000_000, b"1,1\n")
    rows = spreadsheets.sheet_rows(data, 200_000)
    with pytest.raises(AppError) as refused:
        next(rows)
    assert (refused.value.code, refused.value.error_code) == (413, "too_many_rows")
    assert "200.000 dòng" in refused.value.description


def test_rows_up_to_the_cap_are_read_and_blank_ones_come_empty():
    data = hostile_files.many_lines_csv(500, b"1,1\n\n")
    rows = list(spreadsheets.sheet_rows(data, 1_000))
    assert len(rows) == 1_001 and rows[1] == ["1", "1"] and rows[2] == []


def test_blank_rows_count_towards_the_cap():
    assert _refusal(hostile_files.many_lines_csv(600, b"1,1\n\n")).error_code == "too_many_rows"


def test_a_csv_field_over_the_csv_modules_limit_is_a_refusal_not_a_crash():
    data = b"a,b\n" + b"x" * (csv.field_size_limit() + 1) + b",1\n"
    refused = _refusal(data)
    assert (refused.code, refused.error_code) == (422, "bad_file")


def test_an_encrypted_or_broken_zip_is_refused_as_an_unreadable_excel_file():
    data = bytearray(hostile_files.many_rows_xlsx(10))
    data[len(data) // 2: len(data) // 2 + 64] = b"\0" * 64
    assert _refusal(bytes(data)).error_code in {"bad_file", "xml_entities"}


def test_a_utf16_sheet_is_measured_like_any_other():
    buffer = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(hostile_files.many_rows_xlsx(20_000)))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            content = source.read(member)
            if member.filename.endswith("sheet1.xml"):
                content = content.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
            archive.writestr(member.filename, content)
    assert _refusal(buffer.getvalue(), 1_000).error_code == "too_many_rows"


def test_elements_a_parser_would_keep_are_counted_and_refused():
    refused = _refusal(hostile_files.junk_elements(150_000))
    assert (refused.code, refused.error_code) == (413, "unpacked_too_large")
    assert "100.000 thẻ XML" in refused.description


def test_a_real_workbook_reads_its_values():
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Tên", 1500000, None, 2.5])
    buffer = io.BytesIO()
    book.save(buffer)
    (row,) = spreadsheets.sheet_rows(buffer.getvalue(), 10)
    assert row[:4] == ["Tên", 1500000, None, 2.5] and not any(row[4:])

"""The book's totals equal, to the đồng, an independent sum of the raw rows per Asia/Ho_Chi_Minh day."""
import io
import random
from collections import defaultdict
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pypdfium2
from openpyxl import load_workbook

from merchants.books.revenue import daily_revenue
from tests import factories
from tests.merchants.books.conftest import credit

SAIGON = ZoneInfo("Asia/Ho_Chi_Minh")
YEAR = 2025


def _random_year(merchant, seed):
    """Sales near the UTC/Vietnam midnight, reversals, marked credits (one of them reversed), tallies."""
    rng = random.Random(seed)
    expected = defaultdict(int)
    start = datetime(YEAR - 1, 12, 31, 12, tzinfo=timezone.utc)
    for index in range(160):
        # Hours 16–18 UTC straddle midnight in Viet Nam (UTC+7): the day must be the local one.
        moment = start + timedelta(days=rng.randrange(0, 370), hours=rng.choice([0, 4, 5, 6, 11]),
                                   minutes=rng.randrange(60))
        amount = rng.randrange(1, 400) * 1_000
        kind = rng.random()
        if kind < 0.15:
            row = credit(merchant, amount, occurred_at=moment, reference=f"FT{seed}-{index}",
                         not_revenue_reason="Tiền người nhà gửi")
            counted = 0
        elif kind < 0.3:
            row = credit(merchant, amount, occurred_at=moment, reference=f"FT{seed}-{index}")
            counted = amount
        else:
            row = factories.transaction(merchant, amount, rng.choice(["cash", "vietqr", "ewallet"]),
                                        occurred_at=moment)
            counted = amount
        if rng.random() < 0.2:
            factories.stats_reversal(row)
            counted = 0
        if counted:
            expected[moment.astimezone(SAIGON).date()] += counted
    for offset in rng.sample(range(365), 25):
        day = date(YEAR, 1, 1) + timedelta(days=offset)
        cash, cashless = rng.randrange(0, 50) * 10_000, rng.randrange(0, 20) * 5_000
        factories.stats_tally(merchant, day, cash=(int(cash > 0), cash), cashless=(int(cashless > 0), cashless))
        expected[day] += cash + cashless
    return {day: value for day, value in expected.items() if day.year == YEAR and value}


def test_random_books_match_an_independent_sum_of_the_raw_rows(db, seller):
    merchant = seller[0]
    factories.merchant()  # another merchant's sales never enter the book
    expected = _random_year(merchant, seed=16)
    rows = daily_revenue(merchant.id, date(YEAR, 1, 1), date(YEAR, 12, 31))
    assert {row.day: row.amount for row in rows} == expected
    assert sum(row.amount for row in rows) == sum(expected.values())


def test_the_downloaded_workbook_total_is_the_same_sum(client, db, seller):
    merchant, _, headers = seller
    expected = _random_year(merchant, seed=7)
    db.session.commit()
    response = client.get(f"/api/v1/merchants/{merchant.id}/revenue-book.xlsx", query_string={"year": YEAR},
                          headers=headers)
    sheet = load_workbook(io.BytesIO(response.data)).active
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    total_row = next(row for row in cells if row[1] == "Tổng cộng")
    assert total_row[2] == sum(expected.values())
    day_rows = [row for row in cells if isinstance(row[0], datetime)]
    assert {row[0].date(): row[2] for row in day_rows} == expected
    assert [row[0] for row in day_rows] == sorted(row[0] for row in day_rows)


def test_a_merchant_with_no_sales_gets_an_empty_book_with_a_zero_total(client, db, seller):
    merchant, _, headers = seller
    xlsx = client.get(f"/api/v1/merchants/{merchant.id}/revenue-book.xlsx", query_string={"year": YEAR},
                      headers=headers)
    cells = [[cell.value for cell in row] for row in load_workbook(io.BytesIO(xlsx.data)).active.iter_rows()]
    assert next(row for row in cells if row[1] == "Tổng cộng")[2] == 0
    pdf = client.get(f"/api/v1/merchants/{merchant.id}/revenue-book.pdf", query_string={"year": YEAR},
                     headers=headers)
    text = pypdfium2.PdfDocument(pdf.data)[0].get_textpage().get_text_range()
    assert "Tổng cộng" in text and "SỔ DOANH THU" in text

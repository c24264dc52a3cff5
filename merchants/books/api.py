"""JSON API of a merchant's books: the S1a-HKD book (XLSX, PDF), history, marks, the tax code, the meter.
Only the merchant and admins (audited) may call it; village heads and communes get 403."""
from flask import Response
from flask_smorest import Blueprint

from market.auth.principal import current_principal
from merchants.books import corrections, history, pdf, services, sheet
from merchants.books.document import file_name
from merchants.books.schemas import (
    BookQuerySchema,
    HistoryItemSchema,
    HistoryPageSchema,
    HistoryQuerySchema,
    MarkSchema,
    MeterSchema,
    TaxCodeSchema,
)

blueprint = Blueprint("books_api", __name__, url_prefix="/api/v1", description="Sổ sách của hộ kinh doanh")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(body: bytes, mimetype: str, name: str) -> Response:
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={name}"})


@blueprint.route("/merchants/<int:merchant_id>/revenue-book.xlsx")
@blueprint.arguments(BookQuerySchema, location="query")
@blueprint.response(200, content_type=XLSX, description="The S1a-HKD book as a workbook")
def revenue_book_xlsx(args, merchant_id):
    """The revenue book (S1a-HKD) of a year or quarter as XLSX."""
    book = services.revenue_book(current_principal(), merchant_id, args["year"], args.get("quarter"), "xlsx")
    return _file(sheet.to_xlsx(book), XLSX, file_name(book, "xlsx"))


@blueprint.route("/merchants/<int:merchant_id>/revenue-book.pdf")
@blueprint.arguments(BookQuerySchema, location="query")
@blueprint.response(200, content_type="application/pdf", description="The S1a-HKD book as A4 PDF")
def revenue_book_pdf(args, merchant_id):
    """The revenue book (S1a-HKD) of a year or quarter as PDF."""
    book = services.revenue_book(current_principal(), merchant_id, args["year"], args.get("quarter"), "pdf")
    return _file(pdf.to_pdf(book), "application/pdf", file_name(book, "pdf"))


@blueprint.route("/merchants/<int:merchant_id>/history")
@blueprint.arguments(HistoryQuerySchema, location="query")
@blueprint.response(200, HistoryPageSchema)
def merchant_history(args, merchant_id):
    """A day, week, month or year of the merchant's money, newest first, with totals by method."""
    return history.history(current_principal(), merchant_id, args)


@blueprint.route("/merchants/<int:merchant_id>/revenue-meter")
@blueprint.response(200, MeterSchema)
def revenue_meter(merchant_id):
    """Revenue this year so far, the projection for the year, and the thresholds in force."""
    return services.read_meter(current_principal(), merchant_id)


@blueprint.route("/merchants/<int:merchant_id>/tax-code", methods=["PUT"])
@blueprint.arguments(TaxCodeSchema)
@blueprint.response(200, TaxCodeSchema)
def tax_code(data, merchant_id):
    """Enter, change or clear (null) the tax code printed on the book (audited)."""
    return services.set_tax_code(current_principal(), merchant_id, data.get("tax_code"))


@blueprint.route("/transactions/<int:transaction_id>/not-revenue", methods=["POST"])
@blueprint.arguments(MarkSchema)
@blueprint.response(200, HistoryItemSchema)
def not_revenue(data, transaction_id):
    """Mark a bank credit as not revenue (a loan, a family transfer), with a reason (audited)."""
    return corrections.mark_not_revenue(current_principal(), transaction_id, data["reason"])


@blueprint.route("/transactions/<int:transaction_id>/revenue", methods=["POST"])
@blueprint.arguments(MarkSchema)
@blueprint.response(200, HistoryItemSchema)
def revenue(data, transaction_id):
    """Undo the mark: the credit counts as revenue again (audited)."""
    return corrections.mark_revenue(current_principal(), transaction_id, data["reason"])

"""JSON API of market fees: the board's account, fee kinds, bill runs, bills, cash, credits, who paid."""
from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint

from market.auth.permissions import ensure
from market.auth.principal import current_principal
from market.fees import (
    billing,
    bills,
    board,
    credits,
    meters,
    payee,
    payments,
    receipts,
    services,
    slips,
    statements,
)
from market.fees.schemas import (
    AssignInSchema,
    BillQuerySchema,
    BillRunInSchema,
    BillRunSchema,
    BillSchema,
    BoardStatementFormSchema,
    BoardStatementReportSchema,
    CashInSchema,
    CreditQuerySchema,
    DismissInSchema,
    FeeCreditSchema,
    FeeInSchema,
    FeeSchema,
    FeeUploadSchema,
    MeterFormSchema,
    MeterReportSchema,
    PayeeInSchema,
    PayeeSchema,
    WhoPaidQuerySchema,
)

blueprint = Blueprint("fees_api", __name__, url_prefix="/api/v1", description="Phí chợ, hoá đơn và biên lai")
PNG, PDF = "image/png", "application/pdf"


@blueprint.before_request
def writers_are_known_first():
    """An anonymous write gets 401 before its body is even read."""
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        ensure(current_principal(), True)


@blueprint.route("/markets/<int:market_id>/payee")
class Payee(MethodView):
    @blueprint.response(200, PayeeSchema)
    def get(self, market_id):
        """The market board's account (officers of the market)."""
        return payee.read_payee(current_principal(), market_id) or {}

    @blueprint.arguments(PayeeInSchema)
    @blueprint.response(200, PayeeSchema)
    def put(self, data, market_id):
        """Set the board's account; a new one waits for a second person's confirmation."""
        return payee.set_payee(current_principal(), market_id, data)


@blueprint.route("/markets/<int:market_id>/payee/confirm", methods=["POST"])
@blueprint.response(200, PayeeSchema)
def payee_confirm(market_id):
    """Confirm the board's pending account (a second person)."""
    return payee.confirm_payee(current_principal(), market_id)


@blueprint.route("/markets/<int:market_id>/fees")
class Fees(MethodView):
    @blueprint.response(200, FeeSchema(many=True))
    def get(self, market_id):
        """The market's fee kinds."""
        return services.list_fees(current_principal(), market_id)

    @blueprint.arguments(FeeInSchema)
    @blueprint.response(201, FeeSchema)
    def post(self, data, market_id):
        """Add a fee kind (amount per stall per month, day or once; per-stall amounts; or a unit price)."""
        return services.create_fee(current_principal(), market_id, data)


@blueprint.route("/markets/<int:market_id>/bills")
class Bills(MethodView):
    @blueprint.arguments(BillQuerySchema, location="query", error_status_code=400)
    @blueprint.response(200, BillSchema(many=True))
    def get(self, args, market_id):
        """The bills of a month, by stall (?status= to filter)."""
        return bills.list_bills(current_principal(), market_id, args["period"], args.get("status"))

    @blueprint.arguments(BillRunInSchema)
    @blueprint.response(201, BillRunSchema)
    @blueprint.alt_response(200, schema=BillRunSchema, description="Đã lập từ trước: không tạo thêm gì")
    def post(self, data, market_id):
        """Make the month's bills (idempotent: a second run creates nothing)."""
        return billing.run_bills(current_principal(), market_id, data["period"])


@blueprint.route("/markets/<int:market_id>/who-paid")
@blueprint.arguments(WhoPaidQuerySchema, location="query", error_status_code=400)
@blueprint.response(200)
def who_paid(args, market_id):
    """Each stall of the month: paid, part-paid, unpaid, paid in cash; totals and the cashless share."""
    return board.who_paid(current_principal(), market_id, args["period"], args.get("status"))


@blueprint.route("/markets/<int:market_id>/fee-credits")
@blueprint.arguments(CreditQuerySchema, location="query", error_status_code=400)
@blueprint.response(200, FeeCreditSchema(many=True))
def fee_credits(args, market_id):
    """Credits to the board's account; `?status=open` is the review queue."""
    return credits.list_credits(current_principal(), market_id, args.get("status"))


@blueprint.route("/fee-credits/<int:credit_id>/assign", methods=["POST"])
@blueprint.arguments(AssignInSchema)
@blueprint.response(200, BillSchema)
def fee_credit_assign(data, credit_id):
    """Put an unmatched credit towards a bill."""
    return credits.assign_credit(current_principal(), credit_id, data["bill_id"])


@blueprint.route("/fee-credits/<int:credit_id>/dismiss", methods=["POST"])
@blueprint.arguments(DismissInSchema)
@blueprint.response(200, FeeCreditSchema)
def fee_credit_dismiss(data, credit_id):
    """Close an unmatched credit that is no fee, with a reason."""
    return credits.dismiss_credit(current_principal(), credit_id, data["reason"])


@blueprint.route("/bills/<int:bill_id>")
@blueprint.response(200, BillSchema)
def bill_item(bill_id):
    """One bill (officers of its market, or its merchant)."""
    return bills.read_bill(current_principal(), bill_id)


@blueprint.route("/bills/<int:bill_id>/cash-payments", methods=["POST"])
@blueprint.arguments(CashInSchema)
@blueprint.response(201, BillSchema)
@blueprint.alt_response(200, schema=BillSchema, description="Cùng số biên lai: đã ghi từ trước")
def cash_payment(data, bill_id):
    """The collector's cash receipt for a bill (receipt number unique in the market)."""
    return payments.record_cash(current_principal(), bill_id, data)


@blueprint.route("/bills/<int:bill_id>/qr.png")
@blueprint.response(200, content_type=PNG, description="Mã VietQR của hoá đơn")
def bill_qr(bill_id):
    """The bill's dynamic VietQR: the board's account, the amount owed, the code first in the memo."""
    return Response(slips.bill_qr_png(current_principal(), bill_id), mimetype=PNG)


@blueprint.route("/bills/<int:bill_id>/receipt.pdf")
@blueprint.response(200, content_type=PDF, description="Biên lai (PDF)")
def receipt_pdf(bill_id):
    """The receipt (biên lai) of a paid bill, with its serial and the payment references."""
    return Response(receipts.receipt_pdf(current_principal(), bill_id), mimetype=PDF)


@blueprint.route("/merchants/<int:merchant_id>/bills")
@blueprint.response(200, BillSchema(many=True))
def merchant_bills(merchant_id):
    """A merchant's own bills, newest month first."""
    return bills.merchant_bills(current_principal(), merchant_id)


@blueprint.route("/markets/<int:market_id>/fees/<int:fee_id>/readings", methods=["POST"])
@blueprint.arguments(MeterFormSchema, location="form")
@blueprint.arguments(FeeUploadSchema, location="files")
@blueprint.response(200, MeterReportSchema)
def meter_readings(form, files, market_id, fee_id):
    """A month's meter readings for a metered fee from CSV/XLSX (dry run unless dry_run=false)."""
    return meters.import_readings(current_principal(), market_id, fee_id, form["period"], files["file"],
                                  form["dry_run"])


@blueprint.route("/markets/<int:market_id>/statement-imports", methods=["POST"])
@blueprint.arguments(BoardStatementFormSchema, location="form")
@blueprint.arguments(FeeUploadSchema, location="files")
@blueprint.response(200, BoardStatementReportSchema)
def statement_import(form, files, market_id):
    """A statement of the board's account: credits naming bills pay them (dry run unless dry_run=false)."""
    return statements.import_statement(current_principal(), market_id, files["file"], form["dry_run"])

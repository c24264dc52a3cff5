"""JSON API: report and reverse sales, list them, daily tallies, bank webhooks and their review queue."""
from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from market.auth.principal import current_principal, public_write
from market.transactions import queries, recording, review, statements, tallies, webhooks
from market.transactions.schemas import (
    AssignCreditSchema,
    BankCreditResultSchema,
    BankCreditSchema,
    DismissCreditSchema,
    IdempotencyHeaderSchema,
    ReopenCreditSchema,
    ReverseSchema,
    StatementFileSchema,
    StatementFormSchema,
    StatementReportSchema,
    StatementUploadSchema,
    TallySchema,
    TransactionInSchema,
    TransactionPageSchema,
    TransactionQuerySchema,
    TransactionSchema,
    UnmatchedCreditSchema,
    UnmatchedQuerySchema,
)

blueprint = Blueprint("transactions_api", __name__, url_prefix="/api/v1",
                      description="Giao dịch, tổng ngày, sao kê, webhook ngân hàng")

WEBHOOK_DOC = """A bank-notification service pushes one credit.

Headers: `X-Cho40-Integration: NAME` (created with `flask --app wsgi create-webhook-integration NAME`),
`X-Cho40-Timestamp: UNIX_SECONDS` (within 5 minutes of the server clock) and
`X-Cho40-Signature: sha256=HEX` where HEX is the HMAC-SHA256, keyed with the integration's secret, of
the ASCII timestamp, a dot, then the raw request body: `f"{timestamp}.{raw_body}"`.

The credit is matched to the one active payment account (of an active merchant) with that number
(and `bin`, when given) and recorded as a `bank_transfer` with source `webhook` (201). Unknown or
ambiguous accounts are kept in the review queue (202). A retry with the same `reference` changes
nothing and answers 200 with the original result."""

SIGNATURE_HEADERS = [
    {"in": "header", "name": name, "required": True, "schema": {"type": "string"}, "description": text}
    for name, text in (("X-Cho40-Integration", "Integration name"),
                       ("X-Cho40-Timestamp", "Unix seconds, within 5 minutes"),
                       ("X-Cho40-Signature", "sha256=<hex HMAC-SHA256 of f'{timestamp}.{raw_body}'>"))
]


@blueprint.route("/transactions")
class Transactions(MethodView):
    @blueprint.arguments(TransactionQuerySchema, location="query")
    @blueprint.response(200, TransactionPageSchema)
    def get(self, args):
        """List transactions the caller may read, newest first, with cursor pagination."""
        return queries.list_transactions(current_principal(), args)

    @blueprint.arguments(IdempotencyHeaderSchema, location="headers")
    @blueprint.arguments(TransactionInSchema)
    @blueprint.response(201, TransactionSchema)
    @blueprint.alt_response(200, schema=TransactionSchema, description="Replay of the same Idempotency-Key")
    def post(self, headers, data):
        """Report one sale (merchants for themselves, managers within their scope)."""
        row, created = recording.record_sale(current_principal(), data, headers.get("key"))
        return row, 201 if created else 200


@blueprint.route("/transactions/<int:transaction_id>")
@blueprint.response(200, TransactionSchema)
def transaction(transaction_id):
    """One transaction."""
    return recording.get_transaction(current_principal(), transaction_id)


@blueprint.route("/transactions/<int:transaction_id>/reverse", methods=["POST"])
@blueprint.arguments(ReverseSchema)
@blueprint.response(201, TransactionSchema)
def reverse(data, transaction_id):
    """Add the reversal entry of a transaction (once); the original is never changed."""
    return recording.reverse(current_principal(), transaction_id, data["reason"])


@blueprint.route("/tallies", methods=["POST"])
@blueprint.arguments(TallySchema)
@blueprint.response(201, TallySchema)
@blueprint.alt_response(200, schema=TallySchema, description="The day's earlier tally was replaced")
def tally(data):
    """Report a day's totals; a second report for the same day replaces the first (audited)."""
    row, created = tallies.report_tally(current_principal(), data)
    return row, 201 if created else 200


@blueprint.route("/webhooks/bank", methods=["POST"])
@blueprint.doc(description=WEBHOOK_DOC, parameters=SIGNATURE_HEADERS,
               requestBody={"required": True, "content": {"application/json": {"schema": BankCreditSchema}}})
@blueprint.response(201, BankCreditResultSchema, description="Recorded as a transaction")
@blueprint.alt_response(202, schema=BankCreditResultSchema, description="Queued for review")
@blueprint.alt_response(200, schema=BankCreditResultSchema, description="A retry: nothing changed")
@public_write
def bank_webhook():
    """Receive one signed bank credit notification."""
    return webhooks.receive_credit(request.headers, request.get_data(cache=True))


@blueprint.route("/webhooks/unmatched")
@blueprint.arguments(UnmatchedQuerySchema, location="query")
@blueprint.response(200, UnmatchedCreditSchema(many=True))
def unmatched(args):
    """The review queue of pushed credits no account matched (admins, commune officers), newest first.

    Open credits are shown to the officers of the feed's commune, or to every commune officer for a
    province-wide feed (nobody knows yet where they belong); an assigned one only to the commune of the
    merchant it went to."""
    return review.list_unmatched(current_principal(), args["status"])


@blueprint.route("/webhooks/unmatched/<int:credit_id>/assign", methods=["POST"])
@blueprint.arguments(AssignCreditSchema)
@blueprint.response(200, UnmatchedCreditSchema)
def assign_unmatched(data, credit_id):
    """Say which account an open credit reached: records its one `webhook` transaction (409 once resolved)."""
    return review.assign(current_principal(), credit_id, data["account_id"])


@blueprint.route("/webhooks/unmatched/<int:credit_id>/dismiss", methods=["POST"])
@blueprint.arguments(DismissCreditSchema)
@blueprint.response(200, UnmatchedCreditSchema)
def dismiss_unmatched(data, credit_id):
    """Close an open credit without a transaction, with the reason (it stays listed; 409 once resolved)."""
    return review.dismiss(current_principal(), credit_id, data["reason"])


@blueprint.route("/webhooks/unmatched/<int:credit_id>/reopen", methods=["POST"])
@blueprint.arguments(ReopenCreditSchema)
@blueprint.response(200, UnmatchedCreditSchema)
def reopen_unmatched(data, credit_id):
    """Put a dismissed credit back in the open queue, with the reason (409 unless dismissed; audited)."""
    return review.reopen(current_principal(), credit_id, data["reason"])


@blueprint.route("/statement-imports", methods=["POST"])
@blueprint.arguments(StatementFormSchema, location="form")
@blueprint.arguments(StatementFileSchema, location="files")
@blueprint.doc(requestBody={"required": True, "content": {"multipart/form-data": {"schema": StatementUploadSchema}}})
@blueprint.response(200, StatementReportSchema, description="Dry-run report (nothing written)")
@blueprint.alt_response(201, schema=StatementReportSchema, description="Committed")
def statement_import(form, files):
    """Import a bank or wallet statement (CSV/XLSX) for one account: credits only, deduped by reference.

    Columns are found from common Vietnamese headers ("Ngày giao dịch", "Số tiền ghi có", "Nội dung",
    "Số tham chiếu", …) unless named in the *_column fields. Dates without an offset are Viet Nam time.
    At most 5 MB and 200,000 lines: a larger, broken or hostile file gets a 413/422 naming the limit.
    """
    mapping = {name: form[f"{name}_column"] for name in ("date", "amount", "content", "reference")
               if form.get(f"{name}_column")}
    report = statements.import_statement(current_principal(), form["account_id"], files["file"].read(),
                                         mapping, form["commit"])
    return report, 201 if report["committed"] else 200

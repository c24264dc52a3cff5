"""schemathesis against our own OpenAPI: every operation, valid and invalid data, as an admin."""
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance
from schemathesis.generation import GenerationMode

from tests import factories

FUZZ_SETTINGS = settings(max_examples=30, derandomize=True, deadline=None, database=None,
                         suppress_health_check=list(HealthCheck))


def _fuzz(operation, headers):
    @given(case=operation.as_strategy(generation_mode=GenerationMode.POSITIVE)
           | operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
    @FUZZ_SETTINGS
    def run(case):
        # Rules across fields (a village must belong to the chosen commune) cannot be written in
        # the schema, so a schema-valid body may still get a documented 4xx.
        case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

    run()


def test_every_operation_answers_within_its_documented_contract(app, db, auth):
    factories.village()
    db.session.commit()
    # The WSGI client does not undo Content-Encoding (tests/core/test_assets.py checks compression).
    headers = {**auth("admin"), "Accept-Encoding": "identity"}
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:
        _fuzz(operation, headers)

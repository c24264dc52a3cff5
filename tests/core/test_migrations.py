from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext


def test_migrations_build_exactly_the_schema_the_models_describe(db):
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert diff == []

"""index transaction.reference: a bank reference is looked up across merchants

Revision ID: b13e0f7a52c1
Revises: 42cb21972a80
Create Date: 2026-12-08 01:00:00

"""
from alembic import op

revision = 'b13e0f7a52c1'
down_revision = '42cb21972a80'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_transaction_reference', 'transaction', ['reference'])


def downgrade():
    op.drop_index('ix_transaction_reference', table_name='transaction')

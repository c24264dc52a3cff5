"""merchant books: tax code on the merchant, "not revenue" mark on a transaction, history index

Revision ID: b16a0b00c5e1
Revises: 971d71593046
Create Date: 2026-12-08 00:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'b16a0b00c5e1'
down_revision = '971d71593046'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('merchant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tax_code', sa.String(length=14), nullable=True))
    with op.batch_alter_table('transaction', schema=None) as batch_op:
        batch_op.add_column(sa.Column('not_revenue_reason', sa.String(length=255), nullable=True))
        batch_op.create_index('ix_transaction_merchant_id_occurred_at_id', ['merchant_id', 'occurred_at', 'id'],
                              unique=False)
        batch_op.create_index('ix_transaction_not_revenue', ['merchant_id', 'local_day'], unique=False,
                              sqlite_where=sa.text('not_revenue_reason IS NOT NULL'),
                              postgresql_where=sa.text('not_revenue_reason IS NOT NULL'))


def downgrade():
    with op.batch_alter_table('transaction', schema=None) as batch_op:
        batch_op.drop_index('ix_transaction_not_revenue')
        batch_op.drop_index('ix_transaction_merchant_id_occurred_at_id')
        batch_op.drop_column('not_revenue_reason')
    with op.batch_alter_table('merchant', schema=None) as batch_op:
        batch_op.drop_column('tax_code')

"""live credits: amount QR codes and read-only money-screen helpers

Revision ID: b7f15c0de001
Revises: b16a0b00c5e1
Create Date: 2026-12-08 00:40:00

"""
from alembic import op
import sqlalchemy as sa

import market.core.dbtypes

revision = 'b7f15c0de001'
down_revision = 'b16a0b00c5e1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'amount_qr',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('merchant_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=12), nullable=False),
        sa.Column('amount', sa.BigInteger(), nullable=False),
        sa.Column('created_at', market.core.dbtypes.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['merchant_id'], ['merchant.id'], name=op.f('fk_amount_qr_merchant_id_merchant')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_amount_qr')),
        sa.UniqueConstraint('merchant_id', 'code', name=op.f('uq_amount_qr_merchant_id_code')),
    )
    with op.batch_alter_table('amount_qr', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_amount_qr_created_at'), ['created_at'], unique=False)
    op.create_table(
        'money_viewer',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('merchant_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('link_hash', sa.String(length=64), nullable=True),
        sa.Column('link_expires_at', market.core.dbtypes.UTCDateTime(timezone=True), nullable=True),
        sa.Column('created_by', sa.String(length=120), nullable=False),
        sa.Column('created_at', market.core.dbtypes.UTCDateTime(timezone=True), nullable=False),
        sa.Column('signed_in_at', market.core.dbtypes.UTCDateTime(timezone=True), nullable=True),
        sa.Column('revoked_at', market.core.dbtypes.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['merchant_id'], ['merchant.id'], name=op.f('fk_money_viewer_merchant_id_merchant')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_money_viewer')),
        sa.UniqueConstraint('link_hash', name=op.f('uq_money_viewer_link_hash')),
    )
    with op.batch_alter_table('money_viewer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_money_viewer_merchant_id'), ['merchant_id'], unique=False)


def downgrade():
    with op.batch_alter_table('money_viewer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_money_viewer_merchant_id'))
    op.drop_table('money_viewer')
    with op.batch_alter_table('amount_qr', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_amount_qr_created_at'))
    op.drop_table('amount_qr')

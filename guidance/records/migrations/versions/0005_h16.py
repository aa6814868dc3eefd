"""Account audits: each audit of a direct payment account (its figures and statements) and
its flags with the officer's decision on each.

Revision ID: 0005_h16
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_h16"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "account_audits",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("reference", sa.Text, nullable=False),
        sa.Column("period_from", sa.Text, nullable=False),
        sa.Column("period_to", sa.Text, nullable=False),
        sa.Column("content_release", sa.Text),
        sa.Column("figures", sa.Text, nullable=False),
        sa.Column("statements", sa.Text, nullable=False),
        sa.Column("plan", sa.Text, nullable=False),
        sa.Column("audited_at", sa.Text, nullable=False),
        sa.Column("officer", sa.Text),
    )
    op.create_index("account_audits_reference", "account_audits", ["reference"])
    op.create_index("account_audits_at", "account_audits", ["audited_at"])
    op.create_table(
        "account_flags",
        sa.Column("audit_id", sa.Text, sa.ForeignKey("account_audits.id", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("on_date", sa.Text, nullable=False),
        sa.Column("amount", sa.Text, nullable=False),
        sa.Column("file", sa.Text),
        sa.Column("line", sa.Integer),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("decision", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("decided_by", sa.Text),
        sa.Column("decided_at", sa.Text),
        sa.PrimaryKeyConstraint("audit_id", "seq"),
    )


def downgrade():
    op.drop_table("account_flags")
    op.drop_index("account_audits_at", "account_audits")
    op.drop_index("account_audits_reference", "account_audits")
    op.drop_table("account_audits")

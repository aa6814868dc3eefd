"""Drafts of letters written outside any call (a letter opened on its own, half typed, survives
the app being closed or killed and is offered back on the next start).

Revision ID: 0008_letter_drafts
Revises: 0007_call_drafts
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_letter_drafts"
down_revision = "0007_call_drafts"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "letter_drafts",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("template_id", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("session_id", sa.Text),
        sa.Column("reference", sa.Text),
        sa.Column("officer", sa.Text),
        sa.Column("updated_at", sa.Text, nullable=False),
    )


def downgrade():
    op.drop_table("letter_drafts")

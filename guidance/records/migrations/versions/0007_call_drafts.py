"""Letter drafts kept with the call they are written in (a letter half typed survives the app
being killed), and the run each call item belongs to (a flow or calculation run twice in a call
is two entries; the same run changed is one, as it ended).

Revision ID: 0007_call_drafts
Revises: 0006_session_mode
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_call_drafts"
down_revision = "0006_session_mode"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("call_items", sa.Column("run", sa.Text))
    op.create_table(
        "call_drafts",
        sa.Column("call_id", sa.Text, sa.ForeignKey("calls.id", ondelete="CASCADE"), nullable=False),
        sa.Column("template_id", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("session_id", sa.Text),
        sa.Column("updated_at", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("call_id", "template_id"),
    )


def downgrade():
    op.drop_table("call_drafts")
    with op.batch_alter_table("call_items") as batch:
        batch.drop_column("run")

"""Flow sessions record the mode they were run in (``officer`` or ``recipient``), so each is
offered back only in its own mode. Sessions from before have none: they count as the officer's.

Revision ID: 0006_session_mode
Revises: 0005_h16
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_session_mode"
down_revision = "0005_h16"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("mode", sa.Text))


def downgrade():
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("mode")

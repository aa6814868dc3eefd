"""The audit trail (append-only, enforced by the database), accuracy-check reviews, and the
officer on each session, call and letter (for results by officer).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_SQLITE_TRIGGERS = [
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
]
_POSTGRES_TRIGGERS = [
    "CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$",
    "CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only()",
    "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()",
]


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table(
        "audit",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("subject_kind", sa.Text),
        sa.Column("subject_id", sa.Text),
        sa.Column("content_release", sa.Text),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("audit_at", "audit", ["at"])
    op.create_index("audit_subject", "audit", ["subject_kind", "subject_id"])
    for statement in _SQLITE_TRIGGERS if sqlite else _POSTGRES_TRIGGERS:
        op.execute(statement)
    op.create_table(
        "reviews",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("item_id", sa.Text, nullable=False),
        sa.Column("officer", sa.Text, nullable=False),
        sa.Column("item_at", sa.Text, nullable=False),
        sa.Column("sampled_at", sa.Text, nullable=False),
        sa.Column("sampled_by", sa.Text, nullable=False),
        sa.Column("outcome", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("checked_by", sa.Text),
        sa.Column("checked_at", sa.Text),
        sa.UniqueConstraint("kind", "item_id", name="reviews_one_per_item"),
    )
    for table in ("sessions", "calls", "letters"):
        op.add_column(table, sa.Column("officer", sa.Text))
    op.create_index("calls_started", "calls", ["started_at"])
    op.create_index("calls_caller_ref", "calls", ["caller_ref"])


def downgrade():
    for table in ("sessions", "calls", "letters"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("officer")
    op.drop_index("calls_caller_ref", "calls")
    op.drop_index("calls_started", "calls")
    op.drop_table("reviews")
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP TABLE audit")
        op.execute("DROP FUNCTION audit_append_only()")
    else:
        op.drop_table("audit")

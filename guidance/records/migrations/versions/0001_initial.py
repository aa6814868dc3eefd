"""Sessions, session events, calls, call items, letter templates and letters.

Creates only the tables that are missing: a records file made before migrations were kept with
Alembic already has some of them, with these same columns, and is adopted as it is.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _now():
    if op.get_bind().dialect.name == "sqlite":
        return sa.text("(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))")
    return sa.text("""to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')""")


def _tables():
    now = _now()
    return {
        "sessions": [
            sa.Column("id", sa.Text, primary_key=True),
            sa.Column("flow_id", sa.Text, nullable=False),
            sa.Column("flow_version", sa.Integer, nullable=False),
            sa.Column("content_release", sa.Text, nullable=False),
            sa.Column("on_date", sa.Text, nullable=False),
            sa.Column("status", sa.Text, nullable=False, server_default="active"),
            sa.Column("state", sa.Text, nullable=False),
            sa.Column("label", sa.Text),
            sa.Column("steps", sa.Integer, nullable=False, server_default="0"),
            sa.Column("started_at", sa.Text, nullable=False, server_default=now),
            sa.Column("updated_at", sa.Text, nullable=False, server_default=now),
        ],
        "session_events": [
            sa.Column("session_id", sa.Text, sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
            sa.Column("seq", sa.Integer, nullable=False),
            sa.Column("kind", sa.Text, nullable=False),
            sa.Column("node", sa.Text),
            sa.Column("value", sa.Text),
            sa.Column("flow_version", sa.Integer, nullable=False),
            sa.Column("at", sa.Text, nullable=False, server_default=now),
            sa.PrimaryKeyConstraint("session_id", "seq"),
        ],
        "calls": [
            sa.Column("id", sa.Text, primary_key=True),
            sa.Column("caller_ref", sa.Text, nullable=False),
            sa.Column("content_release", sa.Text, nullable=False),
            sa.Column("notes", sa.Text, nullable=False, server_default=""),
            sa.Column("case_note", sa.Text),
            sa.Column("status", sa.Text, nullable=False, server_default="open"),
            sa.Column("started_at", sa.Text, nullable=False, server_default=now),
            sa.Column("ended_at", sa.Text),
        ],
        "call_items": [
            sa.Column("call_id", sa.Text, sa.ForeignKey("calls.id", ondelete="CASCADE"), nullable=False),
            sa.Column("seq", sa.Integer, nullable=False),
            sa.Column("kind", sa.Text, nullable=False),
            sa.Column("item_id", sa.Text, nullable=False),
            sa.Column("title", sa.Text, nullable=False),
            sa.Column("version", sa.Text),
            sa.Column("at", sa.Text, nullable=False, server_default=now),
            sa.PrimaryKeyConstraint("call_id", "seq"),
        ],
        "letter_templates": [
            sa.Column("digest", sa.Text, primary_key=True),
            sa.Column("template_id", sa.Text, nullable=False),
            sa.Column("version", sa.Integer, nullable=False),
            sa.Column("source", sa.Text, nullable=False),
        ],
        "letters": [
            sa.Column("id", sa.Text, primary_key=True),
            sa.Column("template_id", sa.Text, nullable=False),
            sa.Column("template_version", sa.Integer, nullable=False),
            sa.Column("template_digest", sa.Text, sa.ForeignKey("letter_templates.digest"), nullable=False),
            sa.Column("content_release", sa.Text, nullable=False),
            sa.Column("on_date", sa.Text, nullable=False),
            sa.Column("reference", sa.Text),
            sa.Column("format", sa.Text, nullable=False),
            sa.Column("large_print", sa.Integer, nullable=False, server_default="0"),
            sa.Column("data", sa.Text, nullable=False),
            sa.Column("snapshot", sa.Text, nullable=False),
            sa.Column("output_sha256", sa.Text, nullable=False),
            sa.Column("session_id", sa.Text),
            sa.Column("batch", sa.Text),
            sa.Column("issued_at", sa.Text, nullable=False, server_default=now),
        ],
    }


_INDEXES = [
    ("sessions_updated", "sessions", ["updated_at"]),
    ("letters_reference", "letters", ["reference"]),
    ("letters_issued", "letters", ["issued_at"]),
]


def upgrade():
    inspector = sa.inspect(op.get_bind())
    for name, columns in _tables().items():
        if not inspector.has_table(name):
            op.create_table(name, *columns)
    for name, table, columns in _INDEXES:
        if name not in {ix["name"] for ix in sa.inspect(op.get_bind()).get_indexes(table)}:
            op.create_index(name, table, columns)


def downgrade():
    for name in reversed(list(_tables())):
        op.drop_table(name)

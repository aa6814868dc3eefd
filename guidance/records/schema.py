"""The records tables as the newest migration leaves them (SQLAlchemy Core, for queries).

The migrations in ``migrations/versions/`` are the truth for creating and changing tables; this
module only describes them for the stores. ``HEAD`` names the newest migration, so opening a
database can tell "behind", "current" and "newer than this program" without loading Alembic.
Times are ISO 8601 text in UTC from the database's clock; values are JSON text.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Integer, MetaData, PrimaryKeyConstraint, Table, Text

HEAD = "0008_letter_drafts"

metadata = MetaData()

sessions = Table(
    "sessions", metadata,
    Column("id", Text, primary_key=True),
    Column("flow_id", Text, nullable=False),
    Column("flow_version", Integer, nullable=False),
    Column("content_release", Text, nullable=False),
    Column("on_date", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("state", Text, nullable=False),
    Column("label", Text),
    Column("steps", Integer, nullable=False),
    Column("started_at", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("officer", Text),
    Column("mode", Text),  # "officer" or "recipient"; none (before 0006): the officer's
)

session_events = Table(
    "session_events", metadata,
    Column("session_id", Text, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("node", Text),
    Column("value", Text),
    Column("flow_version", Integer, nullable=False),
    Column("at", Text, nullable=False),
    PrimaryKeyConstraint("session_id", "seq"),
)

calls = Table(
    "calls", metadata,
    Column("id", Text, primary_key=True),
    Column("caller_ref", Text, nullable=False),
    Column("content_release", Text, nullable=False),
    Column("notes", Text, nullable=False),
    Column("case_note", Text),
    Column("status", Text, nullable=False),
    Column("started_at", Text, nullable=False),
    Column("ended_at", Text),
    Column("officer", Text),
)

call_items = Table(
    "call_items", metadata,
    Column("call_id", Text, ForeignKey("calls.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("item_id", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("version", Text),
    Column("at", Text, nullable=False),
    Column("run", Text),  # the flow session or calculation run it records (None: a page, a letter)
    PrimaryKeyConstraint("call_id", "seq"),
)

call_drafts = Table(
    "call_drafts", metadata,
    Column("call_id", Text, ForeignKey("calls.id", ondelete="CASCADE"), nullable=False),
    Column("template_id", Text, nullable=False),
    Column("data", Text, nullable=False),  # JSON: field name -> the value as typed
    Column("session_id", Text),
    Column("updated_at", Text, nullable=False),
    PrimaryKeyConstraint("call_id", "template_id"),
)

letter_drafts = Table(  # a letter written outside any call, as typed so far
    "letter_drafts", metadata,
    Column("id", Text, primary_key=True),
    Column("template_id", Text, nullable=False),
    Column("data", Text, nullable=False),  # JSON: field name -> the value as typed
    Column("session_id", Text),
    Column("reference", Text),  # the letter's reference, canonical, when the council's rule accepts it
    Column("officer", Text),
    Column("updated_at", Text, nullable=False),
)

letter_templates = Table(
    "letter_templates", metadata,
    Column("digest", Text, primary_key=True),
    Column("template_id", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("source", Text, nullable=False),
)

letters = Table(
    "letters", metadata,
    Column("id", Text, primary_key=True),
    Column("template_id", Text, nullable=False),
    Column("template_version", Integer, nullable=False),
    Column("template_digest", Text, ForeignKey("letter_templates.digest"), nullable=False),
    Column("content_release", Text, nullable=False),
    Column("on_date", Text, nullable=False),
    Column("reference", Text),
    Column("format", Text, nullable=False),
    Column("large_print", Integer, nullable=False),
    Column("data", Text, nullable=False),
    Column("snapshot", Text, nullable=False),
    Column("output_sha256", Text, nullable=False),
    Column("session_id", Text),
    Column("batch", Text),
    Column("issued_at", Text, nullable=False),
    Column("officer", Text),
)

audit = Table(
    "audit", metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("at", Text, nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("subject_kind", Text),
    Column("subject_id", Text),
    Column("content_release", Text),
    Column("detail", Text, nullable=False),
)

reviews = Table(
    "reviews", metadata,
    Column("id", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("item_id", Text, nullable=False),
    Column("officer", Text, nullable=False),
    Column("item_at", Text, nullable=False),
    Column("sampled_at", Text, nullable=False),
    Column("sampled_by", Text, nullable=False),
    Column("outcome", Text),
    Column("note", Text),
    Column("checked_by", Text),
    Column("checked_at", Text),
)

account_audits = Table(
    "account_audits", metadata,
    Column("id", Text, primary_key=True),
    Column("reference", Text, nullable=False),
    Column("period_from", Text, nullable=False),
    Column("period_to", Text, nullable=False),
    Column("content_release", Text),
    Column("figures", Text, nullable=False),
    Column("statements", Text, nullable=False),
    Column("plan", Text, nullable=False),
    Column("audited_at", Text, nullable=False),
    Column("officer", Text),
)

account_flags = Table(
    "account_flags", metadata,
    Column("audit_id", Text, ForeignKey("account_audits.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("on_date", Text, nullable=False),
    Column("amount", Text, nullable=False),
    Column("file", Text),
    Column("line", Integer),
    Column("message", Text, nullable=False),
    Column("decision", Text),
    Column("note", Text),
    Column("decided_by", Text),
    Column("decided_at", Text),
    PrimaryKeyConstraint("audit_id", "seq"),
)

"""Issuing a letter: the record kept of it, and printing it again exactly as it was sent.

A reprint uses only what the record holds (the template text by digest, the values, and the
figures, page titles, glossary explanations and council details the letter used), never the
content as it is today, and is compared with the stored hash of the bytes sent.
"""

from __future__ import annotations

import hashlib

from guidance.letters.compose import Letter, LetterError, Sources, compose, fill
from guidance.letters.council import Council
from guidance.letters.formats import write
from guidance.letters.templates import LetterTemplate, parse_template_text
from guidance.problems import Problems
from guidance.records.letters import SOURCE, LetterRecord, LetterStore


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record_for(letter: Letter, template: LetterTemplate, fmt: str, large_print: bool, output: bytes,
               session_id: str | None = None, batch: str | None = None, audit_id: str | None = None) -> LetterRecord:
    """The record of ``letter`` as issued. ``audit_id``: the recorded account audit the letter was
    made from (from the audit itself, or from a review session started from it), kept in the
    snapshot under ``SOURCE`` (``LetterRecord.audit_id``); a reprint does not use it."""
    snapshot = {k: v for k, v in letter.snapshot.items() if k != "values"}
    if audit_id:
        snapshot[SOURCE] = {"account_audit": audit_id}
    return LetterRecord(
        template_id=letter.template_id,
        template_version=letter.template_version,
        template_digest=template.digest,
        content_release=letter.release,
        on=letter.on,
        reference=letter.reference,
        format=fmt,
        large_print=large_print,
        data=letter.snapshot["values"],
        snapshot=snapshot,
        output_sha256=sha256(output),
        session_id=session_id,
        batch=batch,
    )


def reprint(store: LetterStore, letter_id: str, fmt: str | None = None, large_print: bool | None = None) -> tuple[Letter, bytes, bool]:
    """(letter, bytes, same as sent) for a stored letter; by default in the format it was sent."""
    record = store.get(letter_id)
    problems = Problems()
    template = parse_template_text(store.template_source(record.template_digest), f"{record.template_id} v{record.template_version}", problems)
    if template is None:
        raise LetterError([(p.path, p.line, p.message) for p in problems.errors])
    values = fill(template, record.data)
    council = Council.model_validate(record.snapshot["council"])
    letter = compose(template, values, Sources.from_snapshot(record.snapshot), record.on, record.content_release, council)
    fmt = fmt or record.format
    large = record.large_print if large_print is None else large_print
    output = write(letter, fmt, large)
    same = fmt == record.format and large == record.large_print and sha256(output) == record.output_sha256
    return letter, output, same

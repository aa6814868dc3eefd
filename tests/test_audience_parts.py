"""A page's part written for officers is left out for a recipient, and kept for everyone else."""

from __future__ import annotations

from guidance.content.audience_parts import for_audience

SECTIONS = {"For officers": "officer"}

PAGE = """\
Intro for everyone.

## What to do

Tell your council.

## For  Officers

Record it on the case system.

### Checks

Ask for the statements.

## Sources

The Care Act.

```
## For officers (inside code: not a heading)
```
"""


def test_a_recipient_does_not_get_the_officers_part():
    shown = for_audience(PAGE, SECTIONS, "recipient")
    assert "Record it" not in shown and "Ask for the statements" not in shown and "For  Officers" not in shown
    assert "Tell your council." in shown and "## Sources" in shown and "The Care Act." in shown
    assert "inside code" in shown


def test_an_officer_and_no_audience_get_everything():
    assert for_audience(PAGE, SECTIONS, "officer") == PAGE
    assert for_audience(PAGE, SECTIONS, None) == PAGE


def test_a_part_at_the_end_runs_to_the_end():
    page = "Intro.\n\n## For officers\n\nOnly officers.\n"
    assert for_audience(page, SECTIONS, "recipient") == "Intro.\n"


NESTED = """\
## For you

Keep your receipts.

### For officers

Check the receipts against the plan.

### What happens next

We write to you.

## Sources

The Care Act.
"""


def test_a_part_inside_another_audiences_part_ends_and_the_outer_part_goes_on():
    sections = {"For officers": "officer", "For you": "recipient"}
    for_recipient = for_audience(NESTED, sections, "recipient")
    assert "Check the receipts" not in for_recipient
    assert "Keep your receipts." in for_recipient and "We write to you." in for_recipient
    for_officer = for_audience(NESTED, sections, "officer")
    assert "Keep your receipts." not in for_officer and "We write to you." not in for_officer
    assert "Check the receipts" in for_officer and "The Care Act." in for_officer


def test_search_blocks_are_marked_with_the_innermost_part():
    from guidance.search.documents import plain_blocks

    blocks = plain_blocks(NESTED, {"For officers": "officer", "For you": "recipient"})
    marked = {b.text: b.audience for b in blocks}
    assert marked["Keep your receipts."] == "recipient"
    assert marked["Check the receipts against the plan."] == "officer"
    assert marked["We write to you."] == "recipient"
    assert marked["The Care Act."] is None

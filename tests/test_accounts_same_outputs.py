"""What an audit shows people is the same, to the byte, as when the expected file was written.

``test_accounts_same_results`` holds the figures, flags and reconciled rows to what they were;
this test holds what is made from them: the report (Markdown, HTML with its chart, and the
chart drawn for Word), the person's summary, the notes, the values of the surplus and
statements letters and the batch summary row, for the same generated accounts (synthetic,
``accounts_support``) in every statement style, audited with the frozen copy of the rules.
The expected file keeps a digest of each (paths replaced, so the digest is the same wherever
the tests run). Card exports, which show no balance, are also audited with the plan's opening
balance.

A change meant to alter what people see rewrites the file:

    PYTHONPATH=. python tests/test_accounts_same_outputs.py --write
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from accounts_support import WRITERS, write  # noqa: E402
from test_accounts_same_results import RULES_ROOT, SHEET_ACCOUNTS, accounts  # noqa: E402
from guidance.accounts.audit import AuditError, audit_files  # noqa: E402
from guidance.accounts.batch import BatchRow, summary_csv  # noqa: E402
from guidance.accounts.chart import balance_points, png  # noqa: E402
from guidance.accounts.letters import NothingToAsk, letter_values  # noqa: E402
from guidance.accounts.report import write_report  # noqa: E402
from guidance.accounts.summary import summary_markdown  # noqa: E402

EXPECTED = HERE / "data" / "accounts" / "outputs_expected.json"


def _letter(audit, kind: str) -> object:
    try:
        return letter_values(audit, kind, {"use_provisional_surplus": True})
    except NothingToAsk as exc:
        return f"nothing to ask: {exc}"


def _digest(value, folder: Path) -> str:
    data = value if isinstance(value, bytes) else json.dumps(value, sort_keys=True).encode()
    data = data.replace(str(folder).encode(), b"FOLDER").replace(str(RULES_ROOT).encode(), b"RULES")
    return hashlib.sha256(data).hexdigest()


def outputs(account, style: str, folder: Path, **extra) -> dict:
    """A digest of each thing made from one audit (or its error); ``extra``: more plan fields."""
    folder.mkdir(parents=True)
    plan = account.write_plan(folder / "plan.yaml", **extra)
    try:
        audit = audit_files(plan, [write(account, style, folder)], RULES_ROOT)
    except AuditError as exc:
        return {"error": str(exc).replace(str(folder), "FOLDER")}
    rec = audit.reconciliation
    made = {
        "report.md": write_report(audit, "md"),
        "report.html": write_report(audit, "html", decisions={1: "query"}),
        "chart.png": png(balance_points(rec), rec.contingency),
        "summary": summary_markdown(audit),
        "notes": list(audit.notes),
        "letter surplus": _letter(audit, "surplus"),
        "letter statements": _letter(audit, "statements"),
        "batch row": summary_csv([BatchRow("account", 2, audit)]),
        "misprints": [[m.tx.line, str(m.expected), str(m.shown), m.at] for m in rec.misprints],
        "spans": [[str(a), str(b)] for spans in (rec.uncovered, rec.quiet, rec.unseen) for a, b in spans],
    }
    return {name: _digest(value, folder) for name, value in made.items()}


def all_outputs(folder: Path) -> dict:
    out = {}
    for number, (name, account) in enumerate(accounts()):
        for style in WRITERS:
            if style == "xlsx" and name.startswith("random") and number >= SHEET_ACCOUNTS:
                continue
            out[f"{name} {style}"] = outputs(account, style, folder / name / style)
        # a card export shows no balance: audited from the plan's opening balance
        out[f"{name} card opening"] = outputs(account, "card", folder / name / "card-opening", opening_balance=str(account.opening))
    return out


def test_reports_letters_and_summaries_are_what_they_were(tmp_path):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    found = all_outputs(tmp_path)
    assert sorted(found) == sorted(expected)
    for key in expected:
        assert found[key] == expected[key], key


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit("usage: python tests/test_accounts_same_outputs.py --write")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        EXPECTED.write_text(json.dumps(all_outputs(Path(tmp)), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {EXPECTED}")

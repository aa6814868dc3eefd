"""Account rules check for ``guidance content check``: ``content/accounts/rules.yaml`` loads and
every rule is valid, each problem with its file and line."""

from __future__ import annotations

import datetime as dt

from guidance.accounts.rules import load_rules
from guidance.problems import Problems


def check_account_rules(base, on: dt.date, problems: Problems) -> None:
    load_rules(base.content_dir, base.shown, problems)


"""Direct payment account monitoring: statements in, reconciliation and flags out.

Headless: nothing here imports Textual. The pieces, in the order an audit uses them:

- ``statements``: read bank and prepaid-card statements (CSV, OFX, Excel) into one ledger;
- ``plan``: the officer's plan file (what the council pays, the contribution, suspensions);
- ``schedule``: the payments due under the plan, pro rata around suspensions;
- ``rules``: the team's classification rules (``content/accounts/rules.yaml``);
- ``reconcile``: every transaction classified and the account's figures worked out;
- ``flags``: what the officer needs to ask about;
- ``audit``: one call that runs all of the above, and its JSON form.
"""

"""Fixtures for the app tests (helpers live in tui_helpers.py)."""

from tui_helpers import make_app  # noqa: F401  (a fixture)

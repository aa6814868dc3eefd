"""How much of a typed query is searched: declared once for the search, the command line and
the app (a module of its own, so the app's search box reads it without loading the search)."""

#: Characters of a query that are searched; the rest is cut, and the caller is told so.
MAX_QUERY_CHARS = 500


def cut_note() -> str:
    """What a caller is told when a query was cut to ``MAX_QUERY_CHARS``."""
    return f"only the first {MAX_QUERY_CHARS} characters were searched"

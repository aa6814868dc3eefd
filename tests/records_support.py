"""Test databases for the records tests: a SQLite file, and (when CI provides a server) a fresh
PostgreSQL schema per test, so the same tests run on both engines."""

from __future__ import annotations

import os
import secrets
from urllib.parse import quote

import pytest

POSTGRES_ENV = "GUIDANCE_TEST_POSTGRES_URL"
ENGINES = ["sqlite", "postgresql"]


def postgres_url() -> str | None:
    return os.environ.get(POSTGRES_ENV, "").strip() or None


def _with_schema(url: str, schema: str) -> str:
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}')}"


def make_database_url(engine: str, tmp_path):
    """(url, cleanup) for a new empty database on ``engine``; skips PostgreSQL without a server."""
    if engine == "sqlite":
        return f"sqlite:///{tmp_path / 'records.sqlite3'}", lambda: None
    base = postgres_url()
    if base is None:
        pytest.skip(f"no PostgreSQL: set {POSTGRES_ENV} (CI does)")
    from sqlalchemy import create_engine, text

    schema = "t_" + secrets.token_hex(6)
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))

    def cleanup():
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()

    return _with_schema(base, schema), cleanup


@pytest.fixture(params=ENGINES)
def database_url(request, tmp_path, monkeypatch):
    """A migrated, empty records database on each engine; also the default for the CLI."""
    from guidance.records.database import Database

    url, cleanup = make_database_url(request.param, tmp_path)
    Database(url, upgrade=True).close()
    monkeypatch.setenv("GUIDANCE_DATABASE_URL", url)
    yield url
    cleanup()


@pytest.fixture
def database(database_url):
    from guidance.records.database import Database

    db = Database(database_url)
    yield db
    db.close()

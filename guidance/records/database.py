"""The records database: one SQLAlchemy engine, SQLite by default, PostgreSQL for a team.

Which database: an explicit URL, else ``--database`` on the command line, else
``GUIDANCE_DATABASE_URL``, else a private SQLite file in the user's data folder. Every store
(sessions, calls, letters, audit, reviews) talks to a ``Database`` and never to a driver, so the
same code and the same tests run on both engines.

Writes go through ``Database.write()``: one transaction that takes the write lock at once
(``BEGIN IMMEDIATE`` on SQLite, so several processes queue instead of failing half-way; row
locks with ``FOR UPDATE`` on PostgreSQL). Timestamps come from the database's clock, in UTC, as
ISO text, so rows written by different machines sort together.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from pathlib import Path

from guidance.records.store import StoreError

ENV_URL = "GUIDANCE_DATABASE_URL"
DB_NAME = "records.sqlite3"
LEGACY_USER_VERSION = 1  # the sessions schema before migrations were kept with Alembic

_override: str | None = None


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("guidance", appauthor=False))


def set_default_url(url: str | None) -> str | None:
    """Use ``url`` for stores opened without one (the global ``--database``); returns the old one."""
    global _override
    old, _override = _override, url
    return old


def database_url(url: str | None = None) -> str:
    """The URL to open: explicit, ``--database``, ``$GUIDANCE_DATABASE_URL``, else the private file."""
    chosen = url or _override or os.environ.get(ENV_URL, "").strip()
    if chosen:
        return chosen
    return f"sqlite:///{data_dir() / DB_NAME}"


_SECRET_PARAMETER = re.compile(r"pass|secret|token|credential|auth|key$", re.IGNORECASE)
_HIDDEN = "***"


def safe_url(url: str) -> str:
    """The URL for messages, every secret part hidden (never print a credential): the password
    in ``user:password@``, and query parameters that carry one (``password``, ``sslpassword``,
    ``passfile``, anything naming a secret, token or key). A URL that cannot be read is not shown."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(_userinfo_hidden(url))
        query = {key: (_HIDDEN if _SECRET_PARAMETER.search(key) else value) for key, value in parsed.query.items()}
        return parsed.set(query=query).render_as_string(hide_password=True)
    except Exception:
        return "(an unreadable database URL)"


def _private_file(path: Path) -> bool:
    """Create what is missing before SQLite opens the file: folders 0700, the file 0600
    (``fileio.create_private_file``). Returns True if the file was created here.

    Only what guidance creates gets owner-only modes: an existing folder or file keeps its mode
    (a team share keeps its group access), and nothing is changed when opening fails.
    """
    from guidance.fileio import create_private_file

    try:
        fd = create_private_file(path)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def _userinfo_hidden(url: str) -> str:
    """``url`` with the password in ``user:password@`` replaced, even one holding '@' or '/'."""
    scheme, sep, rest = url.partition("://")
    end = len(rest)
    for mark in "?#":
        if mark in rest:
            end = min(end, rest.index(mark))
    at = rest.rfind("@", 0, end)
    if not sep or at < 0 or ":" not in rest[:at]:
        return url
    return f"{scheme}://{rest[:at].split(':', 1)[0]}:{_HIDDEN}@{rest[at + 1:]}"


class Database:
    """An engine plus what the stores need: transactions, the clock, the schema check."""

    def __init__(self, url: str, *, synchronous: str = "FULL", upgrade: bool | None = None, check: bool = True,
                 create: bool = True):
        """``create``: make a missing SQLite file (owner-only); without it a missing file is a
        StoreError "no records database at PATH" and nothing is made (for commands that only look)."""
        from sqlalchemy import create_engine, event
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError, SQLAlchemyError

        self.url = url
        if _userinfo_hidden(url) != url and "@" in url.partition("://")[2].split("?")[0].rsplit("@", 1)[0]:
            raise StoreError(f"'{safe_url(url)}': the user name or password holds '@'; write it as %40")
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise StoreError(f"'{safe_url(url)}' is not a database URL: use e.g. postgresql+psycopg://user@host/dbname") from None
        self._secrets = [value for value in (parsed.password, *(v for k, v in parsed.query.items() if _SECRET_PARAMETER.search(k)))
                         if isinstance(value, str) and value]
        self.dialect = parsed.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise StoreError(f"guidance keeps records in SQLite or PostgreSQL, not '{self.dialect}'")
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        self.path = Path(parsed.database) if self.dialect == "sqlite" and parsed.database else None
        try:
            if self.dialect == "sqlite":
                if self.path is None:
                    raise StoreError("a SQLite database for records must be a file, not in memory")
                if not create and not self.path.exists():
                    raise StoreError(f"no records database at {self.path}: nothing is recorded there yet "
                                     "(it is made on first use, or by 'guidance db upgrade')")
                created = _private_file(self.path) if create else False
                self.engine = create_engine(parsed, connect_args={"timeout": 60})
                event.listen(self.engine, "connect", _sqlite_connect(synchronous))
                event.listen(self.engine, "begin", _sqlite_begin)
                # The -wal and -shm files of a file we made stay private too; those of an existing
                # (perhaps shared) file follow its own mode, as SQLite makes them.
                old_mask = os.umask(0o077) if created else None
                try:
                    with self.engine.connect():
                        pass
                finally:
                    if old_mask is not None:
                        os.umask(old_mask)
            else:
                self.engine = create_engine(parsed, pool_pre_ping=True)
            if check:
                from guidance.records.migrate import ensure_schema

                ensure_schema(self, upgrade=self.dialect == "sqlite" if upgrade is None else upgrade)
        except StoreError:
            self.close()
            raise
        except (SQLAlchemyError, OSError) as exc:
            self.close()
            raise StoreError(f"cannot open the records database {self.where}: {self._reason(exc)}") from None

    @classmethod
    def sqlite(cls, path: Path, synchronous: str = "FULL") -> "Database":
        return cls(f"sqlite:///{Path(path)}", synchronous=synchronous)

    @property
    def where(self) -> str:
        return str(self.path) if self.path else safe_url(self.url)

    @contextmanager
    def write(self, what: str = "the record"):
        """One transaction holding the write lock; a database error becomes a plain StoreError."""
        from sqlalchemy.exc import SQLAlchemyError

        try:
            with self.engine.connect().execution_options(immediate=True) as conn:
                with conn.begin():
                    yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot save {what}: {self._reason(exc)}") from None

    @contextmanager
    def read(self):
        from sqlalchemy.exc import SQLAlchemyError

        try:
            with self.engine.connect() as conn:
                with conn.begin():
                    yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the records in {self.where}: {self._reason(exc)}") from None

    def _reason(self, exc: Exception) -> str:
        """The driver's message, with any secret of the URL blanked should the driver echo one."""
        text = _reason(exc)
        for secret in getattr(self, "_secrets", ()):
            text = text.replace(secret, _HIDDEN)
        return text

    def now(self):
        """The database's clock as UTC ISO text with milliseconds (the form every row keeps)."""
        from sqlalchemy import literal_column

        if self.dialect == "sqlite":
            return literal_column("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")
        return literal_column("""to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')""")

    def close(self) -> None:
        engine = getattr(self, "engine", None)
        if engine is not None:
            engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _sqlite_connect(synchronous: str):
    if synchronous.upper() not in ("OFF", "NORMAL", "FULL", "EXTRA"):
        raise ValueError(f"unknown synchronous setting {synchronous}")

    def on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event sends BEGIN itself
        cursor = dbapi_connection.cursor()
        _wal(cursor)
        cursor.execute(f"PRAGMA synchronous={synchronous.upper()}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return on_connect


def _wal(cursor, patience: float = 60.0) -> None:
    """Put the file in WAL mode (once: the mode is kept in the file).

    Switching needs the file to itself, and SQLite answers "database is locked" at once rather
    than waiting when two connections make the same new file at the same moment (the app opens
    its stores from several workers on first start), so the switch is tried again for a while.
    """
    import sqlite3
    import time

    deadline = time.monotonic() + patience
    while True:
        try:
            if str(cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]).lower() == "wal":  # no-op once WAL
                return
            failure = "could not put the records database in WAL mode"
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            failure = str(exc)
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError(failure)
        time.sleep(0.01)


def _sqlite_begin(conn) -> None:
    """SQLite's own BEGIN: IMMEDIATE for writers, so two writers queue rather than deadlock."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("immediate") else "BEGIN")


def _reason(exc: Exception) -> str:
    """The driver's message without SQL or parameters (they may hold personal data)."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def open_database(url: str | None = None, *, upgrade: bool | None = None) -> Database:
    """The records database chosen by ``database_url``; SQLite files are brought up to date."""
    return Database(database_url(url), upgrade=upgrade)

"""The installation's secret key for the audit trail's keyed hashes, kept outside the database.

A plain SHA-256 of a reference such as ``DP-004512`` is undone in a moment by trying every
``DP-nnnnnn``; an HMAC-SHA256 with a secret key is not, as long as the key is not in the
database. The key is, in order:

- ``$GUIDANCE_AUDIT_KEY``: the key itself (at least 32 characters), or
- ``$GUIDANCE_AUDIT_KEY_FILE``: a file holding it. A team sharing a PostgreSQL database sets one
  of these on every machine, so the same reference gives the same hash whoever exported it;
- else ``audit.key`` in the user's configuration folder, made on first use (32 random bytes, hex,
  owner-only, 0600). Back it up with the database: without it no hash can be checked again.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from guidance.records.store import StoreError

ENV_KEY = "GUIDANCE_AUDIT_KEY"
ENV_KEY_FILE = "GUIDANCE_AUDIT_KEY_FILE"
KEY_FILE_NAME = "audit.key"
MIN_KEY_LENGTH = 32


def config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("guidance", appauthor=False))


def audit_key() -> bytes:
    """The key as bytes. Raises StoreError (naming the setting, never the key) if it is unusable."""
    text = os.environ.get(ENV_KEY, "").strip()
    if text:
        return _checked(text, f"${ENV_KEY}")
    path = os.environ.get(ENV_KEY_FILE, "").strip()
    if path:
        try:
            return _checked(Path(path).read_text(encoding="utf-8").strip(), f"{path} (${ENV_KEY_FILE})")
        except (OSError, UnicodeDecodeError) as exc:
            raise StoreError(f"cannot read the audit key file {path} (${ENV_KEY_FILE}): {getattr(exc, 'strerror', None) or exc}") from None
    return _installation_key(config_dir() / KEY_FILE_NAME)


def _checked(text: str, where: str) -> bytes:
    if len(text) < MIN_KEY_LENGTH:
        raise StoreError(f"the audit key in {where} is shorter than {MIN_KEY_LENGTH} characters: "
                         f"make one with: python -c 'import secrets; print(secrets.token_hex(32))'")
    return text.encode("utf-8")


def _installation_key(path: Path) -> bytes:
    """Read the key file, making it (and any missing folder, 0700) owner-only on first use."""
    try:
        return _checked(path.read_text(encoding="utf-8").strip(), str(path))
    except FileNotFoundError:
        pass
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"cannot read the audit key {path}: {getattr(exc, 'strerror', None) or exc}") from None
    from guidance.fileio import create_private_file

    try:
        fd = create_private_file(path)  # folders 0700, the file 0600
    except FileExistsError:
        return _installation_key(path)  # another process made it first: use theirs
    except OSError as exc:
        raise StoreError(f"cannot make the audit key {path}: {exc.strerror}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secrets.token_hex(32) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return _installation_key(path)

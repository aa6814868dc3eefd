"""Writing files so a crash never leaves half of one (write a temporary file, then rename), and
the modes of what guidance makes: owner-only for anything that may hold personal data (records,
letters, exports, reports, calendar files, settings), world-readable only for the published
content release.

``make_folder`` (0700 unless told) and ``create_private_file`` (0600) are the one way folders
and new files are made for personal data; the modes are exact, whatever the umask. What exists
already keeps its mode (a team share keeps its group access).
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
PUBLIC_FOLDER = 0o755  # the content release only
PUBLIC_FILE = 0o644  # the content release only


class FolderNotWritable(OSError):
    """A file cannot be saved in its folder: the message names the folder (never the temporary
    file written first), the problem in plain words and what to do."""


_REASONS = {
    errno.EACCES: "there is no permission to write there",
    errno.EPERM: "there is no permission to write there",
    errno.EROFS: "it is read-only",
    errno.ENOSPC: "the disk is full",
    errno.ENOENT: "it does not exist or cannot hold files",
    errno.ENOTDIR: "it is not a folder",
}


def folder_not_writable(folder: Path, error: OSError) -> FolderNotWritable:
    """The plain-words error for ``folder`` refusing a new file (``error``: what the system said)."""
    reason = _REASONS.get(error.errno, (error.strerror or str(error)).lower())
    return FolderNotWritable(error.errno or errno.EIO,
                             f"the folder {folder} cannot be written to ({reason}): choose another folder or check its permissions",
                             str(folder))


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A new owner-only temporary file in ``path``'s folder; FolderNotWritable when there is none."""
    try:
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # 0600
    except OSError as exc:
        raise folder_not_writable(path.parent, exc) from None


def atomic_write_bytes(path: Path, data: bytes, mode: int = PRIVATE_FILE) -> None:
    """Write ``path`` whole or not at all, with ``mode`` (owner-only unless told: 0600). Missing
    folders are made owner-only, or 0755 for a file others may read (``PUBLIC_FILE``)."""
    path = Path(path)
    make_folder(path.parent, PUBLIC_FOLDER if mode & 0o044 else PRIVATE_FOLDER)
    fd, tmp = _temporary_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def make_folder(folder: Path, mode: int = PRIVATE_FOLDER) -> None:
    """mkdir -p: each folder made here gets ``mode`` exactly (owner-only unless told, whatever
    the umask); folders already there keep theirs. A file standing where a folder should be says
    so (not 'File exists'). Raises NotADirectoryError or OSError."""
    folder = Path(folder)
    missing = [f for f in (folder, *folder.parents) if not f.is_dir()]
    for each in reversed(missing):
        try:
            each.mkdir(mode=mode)
        except FileExistsError:
            if each.is_dir():
                continue  # made meanwhile by someone else: theirs, keeps its mode
            raise _not_a_folder(folder, each) from None
        except NotADirectoryError:
            blocker = next((f for f in each.parents if f.exists() and not f.is_dir()), each.parent)
            raise _not_a_folder(folder, blocker) from None
        except OSError as exc:
            raise folder_not_writable(each.parent, exc) from None
        os.chmod(each, mode)


def _not_a_folder(folder: Path, blocker: Path) -> NotADirectoryError:
    """A file stands where ``folder`` (or a folder above it, ``blocker``) should be."""
    if Path(blocker) == Path(folder):
        said = f"{folder} is a file, not a folder: choose another folder"
    else:
        said = f"the folder {folder} cannot be written to ({blocker} is a file, not a folder): choose another folder"
    return NotADirectoryError(errno.ENOTDIR, said, str(folder))


def create_private_file(path: Path) -> int:
    """Make a new, empty file owner-only (0600 whatever the umask), and any missing folder 0700;
    returns a descriptor open for reading and writing (the caller closes it). Raises
    FileExistsError if anything is there already (it is never opened or changed), or OSError."""
    path = Path(path)
    make_folder(path.parent)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), PRIVATE_FILE)
    try:
        os.fchmod(fd, PRIVATE_FILE)
    except BaseException:
        os.close(fd)
        raise
    return fd


def atomic_write_text(path: Path, text: str, mode: int = PRIVATE_FILE) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode)


class NotReplaced(OSError):
    """The output path holds something that must not be replaced (a file without --force, or
    anything that is not a regular file: a link, a device, a folder)."""


def check_output_path(path: Path, replace: bool = False) -> os.stat_result | None:
    """Raise NotReplaced if ``write_output_file(path, ..., replace)`` would refuse (something not a
    regular file there, a file without ``replace``, or no such folder); else the existing file's
    status (None: no file there). Lets a command refuse before doing the work."""
    import stat

    try:
        info = os.lstat(path)
    except FileNotFoundError:
        if not Path(path).parent.is_dir():  # a typo in the folder must not build a folder tree
            raise NotReplaced(errno.ENOENT, f"the folder {Path(path).parent} does not exist: make it first or choose another") from None
        return None
    except NotADirectoryError:
        blocker = next((f for f in Path(path).parents if f.exists() and not f.is_dir()), Path(path).parent)
        raise NotReplaced(errno.ENOTDIR, f"the folder {Path(path).parent} cannot be written to ({blocker} is a file, not a folder): choose another folder") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a symbolic link" if stat.S_ISLNK(info.st_mode) else "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise NotReplaced(errno.EEXIST, f"{path} is {kind}: not replaced; choose a new file name")
    if not replace:
        raise NotReplaced(errno.EEXIST, f"{path} already exists: not replaced (add --force to replace it)")
    return info


def write_output_file(path: Path, data: bytes, replace: bool = False) -> None:
    """Write a file the user named (``--out``): whole or not at all, never over what is not ours.

    A new file is created owner-only (0600: letters and exports hold personal data), linked into
    place only if nothing appeared there meanwhile. An existing regular file is replaced only with
    ``replace`` (``--force``), and keeps its mode. Anything else (a symbolic link, a device such as
    /dev/null, a folder, a pipe) is never replaced. Raises NotReplaced or OSError.
    """
    import stat

    path = Path(path)
    info = check_output_path(path, replace)
    fd, tmp = _temporary_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if info is None:
            try:
                os.link(tmp, path)  # fails if anything appeared at ``path`` since the check
            except FileExistsError:
                raise NotReplaced(errno.EEXIST, f"{path} appeared while writing: not replaced") from None
            os.unlink(tmp)
        else:
            os.chmod(tmp, stat.S_IMODE(info.st_mode))
            current = os.lstat(path)
            if not stat.S_ISREG(current.st_mode) or (current.st_dev, current.st_ino) != (info.st_dev, info.st_ino):
                raise NotReplaced(errno.EEXIST, f"{path} changed while writing: not replaced")
            os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


class FileTooLarge(OSError):
    """A file larger than the reader's limit, refused before it is read: ``size`` in bytes."""

    def __init__(self, size: int):
        super().__init__(f"{size} bytes")
        self.size = size


def read_bytes(path, limit: int | None = None) -> bytes:
    """All of a file's bytes, with one open and one look at its size (a statement or a plan is
    read once an account, a thousand times in a batch: ``Path.read_bytes`` asks the system for
    twice as much). Raises FileTooLarge, before reading, when it is larger than ``limit``;
    OSError as ``open`` raises it (a folder: IsADirectoryError). A file that grows while it is
    read is read to its end."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(fd).st_size
        if limit is not None and size > limit:
            raise FileTooLarge(size)
        data = os.read(fd, size + 1)
        if len(data) > size:  # more than it said (it grew, or a special file): read on to the end
            chunks = [data]
            while chunk := os.read(fd, 1 << 16):
                chunks.append(chunk)
            data = b"".join(chunks)
        return data
    finally:
        os.close(fd)

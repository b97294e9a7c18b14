"""Write a site into a temporary folder next to its destination, then swap it in as a whole.

The swap is one atomic exchange of the two folders (Linux renameat2 RENAME_EXCHANGE), so the
destination always holds a whole site, old or new, even if the process is killed in between. The
staging folder is locked while its publish runs; the next publish removes every unlocked staging
folder a killed run left behind.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import PublishError
from .negotiation import MARKER

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def check_out_dir(out_dir: Path) -> None:
    """Refuse an output path that is a file, or a non-empty folder that is not a ykg site."""
    if out_dir.exists() and not out_dir.is_dir():
        raise PublishError(f"--out {out_dir} exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise PublishError(f"--out {out_dir} is a non-empty folder that is not a ykg site "
                           f"(no {MARKER}); refusing to replace it")


def _prefixes(out_dir: Path) -> tuple[str, str]:
    return f".{out_dir.name}-tmp-", f".{out_dir.name}-old-"


def _lock(folder: Path, wait: bool) -> int | None:
    """Return an fd holding an exclusive lock on folder, or None when another process holds it."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def clean_leftovers(out_dir: Path) -> list[Path]:
    """Remove the staging folders of publishes that were killed (unlocked); return them."""
    parent = out_dir.resolve().parent
    removed = []
    if not parent.is_dir():
        return removed
    for entry in parent.iterdir():
        if not entry.name.startswith(_prefixes(out_dir)) or entry.is_symlink() or not entry.is_dir():
            continue
        fd = _lock(entry, wait=False)
        if fd is None:
            continue  # a publish running now
        try:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
        finally:
            os.close(fd)
    return removed


@contextmanager
def staging_folder(out_dir: Path):
    """Yield an empty, locked folder beside out_dir; removed whatever happens (or by the next run)."""
    parent = out_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(out_dir)
    tmp = Path(tempfile.mkdtemp(prefix=_prefixes(out_dir)[0], dir=parent))
    fd = _lock(tmp, wait=True)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes it private; a site is meant to be served
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        os.close(fd)


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step; False when the system or file system cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    rename2 = getattr(libc, "renameat2", None)
    if rename2 is None:
        return False
    if rename2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap_in(tmp: Path, out_dir: Path) -> None:
    """Put the finished site at out_dir; the old one (if any) ends up in tmp, to be removed."""
    if not out_dir.exists():
        os.rename(tmp, out_dir)
        return
    if exchange(tmp, out_dir):
        return
    # No atomic exchange here: rename the old site aside and the new one in (a short gap).
    old = out_dir.with_name(f"{_prefixes(out_dir)[1]}{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    os.replace(out_dir, old)
    os.replace(tmp, out_dir)
    shutil.rmtree(old, ignore_errors=True)

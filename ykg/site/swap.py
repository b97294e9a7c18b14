"""Write a site into a temporary folder next to its destination, then swap it in as a whole."""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import PublishError
from .negotiation import MARKER


def check_out_dir(out_dir: Path) -> None:
    """Refuse an output path that is a file, or a non-empty folder that is not a ykg site."""
    if out_dir.exists() and not out_dir.is_dir():
        raise PublishError(f"--out {out_dir} exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise PublishError(f"--out {out_dir} is a non-empty folder that is not a ykg site "
                           f"(no {MARKER}); refusing to replace it")


@contextmanager
def staging_folder(out_dir: Path):
    """Yield an empty folder beside out_dir; the temporary folder is removed whatever happens."""
    parent = out_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-tmp-", dir=parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes it private; a site is meant to be served
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def swap_in(tmp: Path, out_dir: Path) -> None:
    """Move the finished site into place: rename the old one aside, rename the new one in."""
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}-old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(out_dir, old)
    os.replace(tmp, out_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)

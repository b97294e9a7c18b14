"""Copy the front-end files the pages need from node_modules/ into ykg/assets/vendor/ (`make vendor`)."""
from __future__ import annotations

import sys
from pathlib import Path

from ykg.site.vendor import vendor

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    if not (ROOT / "node_modules").is_dir():
        sys.exit("node_modules/ is missing: run `npm ci` first")
    for path in vendor(ROOT):
        print(path.relative_to(ROOT))

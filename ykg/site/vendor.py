"""The npm files the browser pages use, vendored into ykg/assets/vendor/ and copied into the site.

`make vendor` (scripts/vendor.py) copies them from node_modules/ (installed by `npm ci` from
package-lock.json) and writes vendor/LICENSES; nothing needs Node at run time. The files are
kept byte for byte as npm ships them, so a test can compare them with node_modules/.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from ykg.foundation.paths import ASSETS_DIR

VENDOR_DIR = ASSETS_DIR / "vendor"
SITE_VENDOR = "assets/vendor"  # where the site holds them


@dataclass(frozen=True)
class Vendored:
    """One vendored file: its npm package, its path in the package, its name under vendor/."""

    package: str
    source: str
    target: str


VENDORED = (
    # vis-data first, then vis-network's "peer" build on top of it: that build injects no
    # <style> element (the pages' CSP allows no inline style), its CSS is a file of its own.
    Vendored("vis-data", "peer/umd/vis-data.min.js", "vis/vis-data.min.js"),
    Vendored("vis-network", "peer/umd/vis-network.min.js", "vis/vis-network.min.js"),
    Vendored("vis-network", "dist/dist/vis-network.min.css", "vis/vis-network.min.css"),
    Vendored("oxigraph", "web.js", "oxigraph/web.js"),
    Vendored("oxigraph", "web_bg.wasm", "oxigraph/web_bg.wasm"),
    Vendored("@zazuko/yasgui", "build/yasgui.min.js", "yasgui/yasgui.min.js"),
    Vendored("@zazuko/yasgui", "build/yasgui.min.css", "yasgui/yasgui.min.css"),
)
LICENSE_FILES = ("LICENSE", "LICENSE-MIT", "LICENSE-APACHE-2.0", "LICENSE.md")


def lock_packages(root: Path) -> dict[str, dict]:
    """Return the packages of package-lock.json by name (node_modules/ prefix removed)."""
    lock = json.loads((Path(root) / "package-lock.json").read_text(encoding="utf-8"))
    return {k.split("node_modules/")[-1]: v for k, v in lock["packages"].items()
            if k.startswith("node_modules/")}


def bundled(name: str, packages: dict[str, dict]) -> list[str]:
    """Return a package and every package it depends on (what its bundle may contain), sorted."""
    seen, todo = set(), [name]
    while todo:
        n = todo.pop()
        if n in seen or n not in packages:
            continue
        seen.add(n)
        todo.extend(packages[n].get("dependencies", {}))
    return sorted(seen)


def licenses_text(root: Path) -> str:
    """Return vendor/LICENSES: each vendored package, what it bundles, versions and licences."""
    packages = lock_packages(root)
    lines = ["Third-party files in this folder, copied unchanged from npm (package-lock.json).",
             "Rebuild with `make vendor`.", ""]
    for name in dict.fromkeys(v.package for v in VENDORED):
        files = ", ".join(v.target for v in VENDORED if v.package == name)
        licence = packages[name].get("license", "?").strip("()")
        lines.append(f"## {name} {packages[name]['version']} ({licence})")
        lines.append(f"files: {files}")
        inner = [n for n in bundled(name, packages) if n != name]
        if inner:
            lines.append("bundles: " + ", ".join(
                f"{n} {packages[n]['version']} ({packages[n].get('license', '?')})" for n in inner))
        for lic in LICENSE_FILES:
            path = Path(root) / "node_modules" / name / lic
            if path.is_file():
                lines += ["", f"--- {name}/{lic} ---", path.read_text(encoding="utf-8").strip()]
        lines.append("")
    return "\n".join(lines)


def vendor(root: Path, out: Path = VENDOR_DIR) -> list[Path]:
    """Copy the vendored files from root/node_modules into out and write out/LICENSES."""
    written = []
    for v in VENDORED:
        target = Path(out) / v.target
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(root) / "node_modules" / v.package / v.source, target)
        written.append(target)
    (Path(out) / "LICENSES").write_text(licenses_text(root), encoding="utf-8")
    return written + [Path(out) / "LICENSES"]


def write_vendor(site) -> None:
    """Copy the vendored files and their licences into the site's assets/vendor/."""
    for v in VENDORED:
        site.write(f"{SITE_VENDOR}/{v.target}", (VENDOR_DIR / v.target).read_bytes())
    site.write(f"{SITE_VENDOR}/LICENSES", (VENDOR_DIR / "LICENSES").read_bytes())

"""What publish_site reports: counts, dump sizes and the links that do not resolve."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class SiteReport:
    """What publish_site wrote."""

    out: Path
    base: str
    resources: int
    pages: int
    files: int
    bytes: int
    dumps: dict[str, int]
    broken_links: list[str]
    written: int = 0
    kept: int = 0  # files whose bytes did not change, kept from the site replaced
    reused: int = 0  # resources not rendered again: their inputs did not change (cache.py)

    def text(self) -> str:
        """Return the summary printed by `ykg publish`."""
        lines = [f"wrote {self.out}: {self.pages:,} HTML pages ({self.resources:,} resources), "
                 f"{self.files:,} files, {self.bytes:,} bytes"]
        for name, size in self.dumps.items():
            lines.append(f"  dumps/{name}: {size:,} bytes")
        if self.kept:
            lines.append(f"  rewrote {self.written:,} files; {self.kept:,} unchanged kept as they were")
            lines.append(f"  rendered {self.resources - self.reused:,} of {self.resources:,} resources; "
                         "the others' inputs did not change")
        lines.append("  internal links: " + ("all resolve" if not self.broken_links
                                                 else f"{len(self.broken_links)} broken"))
        for b in self.broken_links[:20]:
            lines.append(f"    broken: {b}")
        return "\n".join(lines)

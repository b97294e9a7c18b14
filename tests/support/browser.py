"""One Debian Chromium per test session, driven by Playwright, that may not reach the network.

The browser runs with a fresh profile (a temporary folder, removed afterwards). Every request
that is not local (file:, data:, about:, blob:, 127.0.0.1, localhost) is aborted and counted, per
page, so a test can assert that a page asked for nothing outside. Pages record console errors,
page errors and dialogs (a dialog means a script payload ran).
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"  # Debian's package; never `playwright install`
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL = ("file:", "data:", "about:", "blob:", "http://127.0.0.1", "http://localhost")
VIEWPORT = {"width": 1600, "height": 1000}


@dataclass
class PageLog:
    """What happened on one page."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)  # aborted non-local requests
    requests: list[str] = field(default_factory=list)


class Browser:
    """A Chromium persistent context with a fresh profile; non-local requests aborted and counted."""

    def __init__(self, executable: str = CHROMIUM, viewport: dict | None = None):
        from playwright.sync_api import sync_playwright
        self._pw = sync_playwright().start()
        self._profile = tempfile.mkdtemp(prefix="ykg-chromium-")
        try:
            self.context = self._pw.chromium.launch_persistent_context(
                self._profile, executable_path=executable, headless=True, args=CHROMIUM_ARGS,
                viewport=viewport or VIEWPORT, locale="ja-JP")
        except Exception:
            self._pw.stop()
            shutil.rmtree(self._profile, ignore_errors=True)
            raise
        self.outside: list[str] = []  # every aborted request of the session
        self.context.route(lambda url: not url.startswith(LOCAL), self._abort_unowned)

    def _abort_unowned(self, route):
        self.outside.append(route.request.url)
        route.abort()

    def new_page(self):
        """Open an empty page that logs errors and dialogs and aborts and counts outside requests."""
        page = self.context.new_page()
        log = PageLog()

        def abort(route):
            log.outside.append(route.request.url)
            self.outside.append(route.request.url)
            route.abort()

        page.route(lambda url: not url.startswith(LOCAL), abort)
        page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: log.page_errors.append(str(exc)))
        page.on("dialog", lambda d: (log.dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: log.requests.append(r.url))
        return page, log

    def open(self, url: str, wait: str = "load"):
        """Open url in a new page; return (page, log)."""
        page, log = self.new_page()
        page.goto(url, wait_until=wait)
        return page, log

    def close(self):
        try:
            self.context.close()
            self._pw.stop()
        finally:
            shutil.rmtree(self._profile, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    """The session's Chromium (Debian's); fails with a hint when it is not installed."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system` (scripts/install-system.sh)")
    b = Browser()
    try:
        yield b
    finally:
        b.close()


def wait_for_view(page, timeout: float = 30000) -> dict:
    """Wait until an ykg view has drawn; return its counts as the page sees them."""
    page.wait_for_function("() => window.ykg && window.ykg.settled === true", timeout=timeout)
    return page.evaluate("""() => ({
        nodes: network.body.data.nodes.length,
        edges: network.body.data.edges.length,
        drawn: Object.keys(network.body.nodes).length,
        canvases: document.querySelectorAll('#ykg-network canvas').length,
        settledAt: window.ykg.drawnAt,
    })""")


AXE = "node_modules/axe-core/axe.min.js"
VNU = "node_modules/vnu-jar/build/dist/vnu.jar"
SERIOUS = ("serious", "critical")


def axe_violations(page, origin: str) -> list[str]:
    """Run axe-core on the open page; return the ids and targets of serious or critical violations.

    The script is served from the page's own origin (a routed URL), so a policy allowing only
    'self' scripts lets it run without weakening the page's CSP.
    """
    from ykg.foundation.paths import REPOSITORY_DIR
    source = (REPOSITORY_DIR / AXE).read_text(encoding="utf-8")
    url = f"{origin}/__axe-core.js"
    page.route(url, lambda route: route.fulfill(body=source, content_type="text/javascript"))
    page.add_script_tag(url=url)
    found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.filter(v => ['serious', 'critical'].includes(v.impact))
        .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))""")
    return found


def vnu_errors(paths) -> list[str]:
    """Run the Nu HTML Checker on HTML files; return its error messages (with file and line)."""
    import json
    import subprocess
    from ykg.foundation.paths import REPOSITORY_DIR
    out = subprocess.run(["java", "-jar", str(REPOSITORY_DIR / VNU), "--errors-only",
                          "--format", "json", "--exit-zero-always", *map(str, paths)],
                         capture_output=True, text=True, timeout=300)
    messages = json.loads(out.stderr or out.stdout or '{"messages": []}')["messages"]
    return [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
            for m in messages if m.get("type") == "error"]

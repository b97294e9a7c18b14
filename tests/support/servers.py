"""Real SPARQL servers for integration tests: Oxigraph (PyPI) and Virtuoso (Debian), on 127.0.0.1.

Each server runs from a fresh temporary folder on free ports and is stopped by its PID afterwards.
The context managers are plain functions so that benchmarks can start the same servers.
"""
from __future__ import annotations

import http.server
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.net import free_port, serve_in_thread, wait_until

__all__ = ["Server", "free_port", "fake_http_server", "oxigraph_server", "stop", "virtuoso_server",
           "wait_http"]

OXIGRAPH_START_TIMEOUT = 30.0
VIRTUOSO_START_TIMEOUT = 120.0
STOP_TIMEOUT = 10.0


@dataclass(frozen=True)
class Server:
    """A running SPARQL server: where to query, where to write, and how to log in."""

    name: str
    query_url: str
    graph_store_url: str
    user: str | None = None
    password: str | None = None
    log: Path | None = None


def oxigraph_binary() -> str:
    """Return the `oxigraph` server binary shipped by the PyPI wheel in this environment."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the oxigraph server binary is missing: pip install -e '.[test]'")
    return found


def _tail(path: Path | None, n: int = 30) -> str:
    if path is None or not path.exists():
        return ""
    lines = path.read_text(errors="replace").splitlines()
    return "\n".join(lines[-n:])


def wait_http(url: str, proc: subprocess.Popen, timeout: float, log: Path | None) -> None:
    """Wait for the server to answer url with 200; fail with its log if it exits or time runs out."""
    def answers() -> bool:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode} before answering "
                               f"{url}\n{_tail(log)}")
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status == 200
    try:
        wait_until(answers, timeout, f"the server to answer {url}")
    except TimeoutError as exc:
        raise RuntimeError(f"{exc}\n{_tail(log)}") from None


def stop(proc: subprocess.Popen, timeout: float = STOP_TIMEOUT) -> None:
    """Stop one process that this module started: SIGTERM, then SIGKILL after timeout."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=timeout)


@contextmanager
def _workdir(root: Path | None, prefix: str):
    """Yield root (tests pass a tmp_path), else a temporary folder removed afterwards."""
    if root is not None:
        Path(root).mkdir(parents=True, exist_ok=True)
        yield Path(root)
        return
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def oxigraph_server(union_default_graph: bool = False, root: Path | None = None):
    """Run `oxigraph serve` on a free 127.0.0.1 port with its store in root (or a temp folder)."""
    with _workdir(root, "ykg-oxigraph-") as tmp, _oxigraph_in(tmp, union_default_graph) as server:
        yield server


@contextmanager
def _oxigraph_in(tmp: Path, union_default_graph: bool):
    port = free_port()
    log = tmp / "server.log"
    args = [oxigraph_binary(), "serve", "--location", str(tmp / "store"),
            "--bind", f"127.0.0.1:{port}"]
    if union_default_graph:
        args.append("--union-default-graph")
    with open(log, "wb") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{base}/query?query=" + urllib.parse.quote("ASK {}"), proc,
                  OXIGRAPH_START_TIMEOUT, log)
        yield Server("oxigraph", f"{base}/query", f"{base}/store", log=log)
    finally:
        stop(proc)


VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {d}/db/virtuoso.db
ErrorLogFile       = {d}/db/virtuoso.log
LockFile           = {d}/db/virtuoso.lck
TransactionFile    = {d}/db/virtuoso.trx
xa_persistent_file = {d}/db/virtuoso.pxa
[TempDatabase]
DatabaseFile    = {d}/db/virtuoso-temp.db
TransactionFile = {d}/db/virtuoso-temp.trx
[Parameters]
ServerPort      = 127.0.0.1:{sql}
DirsAllowed     = ., {d}/import
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort    = 127.0.0.1:{http}
ServerRoot    = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
[SPARQL]
; The Debian default (10000) silently truncates larger results.
ResultSetMaxRows      = 1000000
MaxQueryExecutionTime = 120
"""


def virtuoso_binaries() -> tuple[str, str]:
    """Return the paths of virtuoso-t and isql-vt; fail (never skip) when they are missing."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not server or not isql:
        raise RuntimeError("virtuoso-t / isql-vt not found: run `make system` "
                           "(installs Debian's virtuoso-opensource)")
    return server, isql


@contextmanager
def virtuoso_server(root: Path | None = None):
    """Run a private Virtuoso on free 127.0.0.1 ports from root (or a temp folder), own password."""
    server_bin, isql = virtuoso_binaries()
    with _workdir(root, "ykg-virtuoso-") as tmp, _virtuoso_in(tmp, server_bin, isql) as server:
        yield server


@contextmanager
def _virtuoso_in(tmp: Path, server_bin: str, isql: str):
    (tmp / "db").mkdir()
    (tmp / "import").mkdir()
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    (tmp / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=tmp, sql=sql_port, http=http_port))
    log = tmp / "stdout.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([server_bin, "+foreground", "+configfile",
                                 str(tmp / "virtuoso.ini")], cwd=tmp, stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    password = "ykg-" + secrets.token_hex(8)
    try:
        wait_http(f"{base}/sparql?query=" + urllib.parse.quote("ASK {}"), proc,
                  VIRTUOSO_START_TIMEOUT, log)
        # isql-vt exits 0 even when the SQL fails: prove the change by logging in with it.
        subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba",
                        f"EXEC=USER_SET_PASSWORD('dba', '{password}');"],
                       check=True, capture_output=True, timeout=60)
        subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", password, "EXEC=checkpoint;"],
                       check=True, capture_output=True, timeout=60)
        yield Server("virtuoso", f"{base}/sparql", f"{base}/sparql-graph-crud-auth",
                     user="dba", password=password, log=log)
    finally:
        stop(proc)


@contextmanager
def fake_http_server(respond):
    """Serve on a free 127.0.0.1 port; respond(method, path, body) returns (status, headers, bytes).

    respond may block (on a threading.Event the test releases) to play a slow server. Yields the
    base URL.
    """
    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            try:
                status, headers, payload = respond(self.command, self.path, body)
            except (BrokenPipeError, ConnectionResetError):
                return
            try:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass

        do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = _answer

        def log_message(self, *args):  # keep test output clean
            pass

    with serve_in_thread(Handler) as url:
        yield url


# -- pytest fixtures ---------------------------------------------------------------------------

def _fail_instead_of_skip(kind: str, exc: Exception):
    pytest.fail(f"could not start {kind}: {exc}", pytrace=False)


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory):
    """A running Oxigraph server (empty), for the whole session."""
    try:
        cm = oxigraph_server(root=tmp_path_factory.mktemp("oxigraph"))
        server = cm.__enter__()
    except RuntimeError as exc:
        _fail_instead_of_skip("the Oxigraph server", exc)
    try:
        yield server
    finally:
        cm.__exit__(None, None, None)


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """A running private Virtuoso (empty), for the whole session; fails if it is not installed."""
    try:
        cm = virtuoso_server(root=tmp_path_factory.mktemp("virtuoso"))
        server = cm.__enter__()
    except (RuntimeError, subprocess.SubprocessError) as exc:
        _fail_instead_of_skip("Virtuoso", exc)
    try:
        yield server
    finally:
        cm.__exit__(None, None, None)




# -- static web servers running the published hosting recipes ------------------------------------

NGINX = "/usr/sbin/nginx"
APACHE = "/usr/sbin/apache2"
APACHE_MODULES = "/usr/lib/apache2/modules"
WEB_START_TIMEOUT = 20.0

NGINX_MAIN = """\
user root;
worker_processes 1;
daemon off;
pid {d}/nginx.pid;
error_log {d}/error.log;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fcgi;
    uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;
{recipe}
}}
"""

APACHE_MAIN = """\
ServerRoot {d}
Listen 127.0.0.1:{port}
PidFile {d}/httpd.pid
ErrorLog {d}/error.log
ServerName 127.0.0.1
{modules}
TypesConfig /etc/mime.types
DocumentRoot {site}
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory {site}>
  AllowOverride All
  Require all granted
</Directory>
"""


def _binary(path: str) -> str:
    if not Path(path).exists():
        raise RuntimeError(f"{path} not found: run `make system` (installs nginx and apache2)")
    return path


@contextmanager
def _web_server(args: list[str], root: Path, port: int):
    """Start a web server process, wait until it serves the site's index page, stop it after."""
    with open(root / "stdout.log", "wb") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(url + "/index.html", proc, WEB_START_TIMEOUT, root / "error.log")
        yield url
    finally:
        stop(proc)


@contextmanager
def nginx_server(site: Path, root: Path):
    """Run Debian's nginx on a free 127.0.0.1 port with the site's own hosting/nginx.conf."""
    binary = _binary(NGINX)
    port = free_port()
    recipe = (site / "hosting" / "nginx.conf").read_text(encoding="utf-8")
    # What a host changes in the recipe: where it listens and the folder it serves.
    recipe = recipe.replace("listen 80;", f"listen 127.0.0.1:{port};")
    recipe = recipe.replace("root /srv/www;", f"root {site};")
    root.mkdir(parents=True, exist_ok=True)
    conf = root / "nginx.conf"
    conf.write_text(NGINX_MAIN.format(d=root, recipe=recipe), encoding="utf-8")
    with _web_server([binary, "-c", str(conf), "-p", str(root)], root, port) as url:
        yield url


@contextmanager
def apache_server(site: Path, root: Path):
    """Run Debian's Apache on a free 127.0.0.1 port; the site's own .htaccess does the rest.

    Apache refuses to serve as root, so it runs as `nobody` with the one capability of reading
    any file (the site lies under the test's private temporary folder).
    """
    binary = _binary(APACHE)
    port = free_port()
    root.mkdir(parents=True, exist_ok=True)
    modules = "\n".join(f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so" for m in (
        "mpm_event", "authz_core", "mime", "dir", "rewrite", "headers"))
    conf = root / "httpd.conf"
    conf.write_text(APACHE_MAIN.format(d=root, port=port, site=site, modules=modules))
    shutil.chown(root, "nobody", "nogroup")
    args = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
            "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search",
            binary, "-f", str(conf), "-DFOREGROUND"]
    with _web_server(args, root, port) as url:
        yield url

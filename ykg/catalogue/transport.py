"""HTTP details shared by queries and pushes: URL checks, authentication, one-line failure reasons."""
from __future__ import annotations

import base64
import http.client
import re
import socket
import urllib.error
import urllib.parse
import urllib.request

from ykg.foundation.errors import YkgError


class EndpointError(YkgError):
    """The server could not be reached, refused the request, or answered something unusable.

    Not the user's input but the server's state: exit 1.
    """

    exit_code = 1


def check_url(url: str, what: str) -> str:
    """Accept only http(s) URLs with a host; raise EndpointError otherwise."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"the {what} URL must be http(s)://host…, got {url!r}")
    return url


_auth_schemes: dict[tuple[str, str], str] = {}


def auth_scheme(url: str, timeout: float) -> str:
    """Return 'digest' or 'basic': the scheme the server's 401 challenge asks for (cached)."""
    parts = urllib.parse.urlsplit(url)
    key = (parts.netloc, parts.path)
    if key not in _auth_schemes:
        scheme = "basic"
        try:
            probe = urllib.request.Request(url, method="GET")
            urllib.request.urlopen(probe, timeout=timeout).close()
        except urllib.error.HTTPError as exc:
            challenge = exc.headers.get("WWW-Authenticate", "") if exc.headers else ""
            if challenge.lower().startswith("digest"):
                scheme = "digest"
        except (urllib.error.URLError, OSError, http.client.HTTPException):
            pass
        _auth_schemes[key] = scheme
    return _auth_schemes[key]


def authorize(req: urllib.request.Request, user: str | None, password: str | None,
              timeout: float) -> None:
    """Add an Authorization header before sending (no 401 round trip with the body).

    Virtuoso answers 401 and closes the connection while a large PUT body is still being
    sent, so the challenge is fetched first with a small HEAD request.
    """
    if not user:
        return
    url = req.get_full_url()
    try:
        urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout).close()
        return  # the server does not ask for credentials
    except urllib.error.HTTPError as exc:
        challenge = (exc.headers.get("WWW-Authenticate") or "") if exc.headers else ""
        if exc.code != 401:
            return
    scheme, _, rest = challenge.partition(" ")
    if scheme.lower() == "digest":
        mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        mgr.add_password(None, url, user, password or "")
        chal = urllib.request.parse_keqv_list(
            filter(None, urllib.request.parse_http_list(rest)))
        auth = urllib.request.HTTPDigestAuthHandler(mgr).get_authorization(req, chal)
        if auth is None:
            raise EndpointError(f"{url} asks for an unsupported digest variant: {challenge}")
        req.add_unredirected_header("Authorization", f"Digest {auth}")
    else:
        token = base64.b64encode(f"{user}:{password or ''}".encode("utf-8")).decode("ascii")
        req.add_unredirected_header("Authorization", f"Basic {token}")


def first_line(text: str, limit: int = 300) -> str:
    """Return the first non-empty line of a server's answer, markup removed."""
    for line in text.splitlines():
        line = re.sub(r"<[^>]+>", " ", line).strip()
        if line:
            return line[:limit]
    return ""


# SPARQLWrapper's exception classes and the HTTP status each stands for.
_WRAPPER_STATUS = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404,
                   "URITooLong": 414, "EndPointInternalError": 500}


def _describe_wrapper(exc: BaseException, url: str) -> str:
    code = _WRAPPER_STATUS.get(type(exc).__name__)
    # SPARQLWrapper keeps the body only inside its message, as a bytes repr.
    body = str(exc).partition("Response:")[2].strip()
    body = re.sub(r"^b(['\"])(.*)\1$", r"\2", body, flags=re.DOTALL).replace("\\n", "\n")
    return f"{url} answered HTTP {code or '?'}: {first_line(body) or type(exc).__name__}"


def describe(exc: BaseException, url: str, timeout: float) -> str:
    """Say in one line why talking to url failed."""
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException
    if isinstance(exc, SPARQLWrapperException):
        return _describe_wrapper(exc, url)
    if isinstance(exc, urllib.error.HTTPError):
        try:
            body = exc.read().decode("utf-8", "replace")
        except Exception:  # noqa: BLE001 - the body is only a hint
            body = ""
        return f"{url} answered HTTP {exc.code} {exc.reason}: {first_line(body)}".rstrip(": ")
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, (socket.timeout, TimeoutError)) or "timed out" in str(reason):
        return f"{url} did not answer within {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return f"cannot reach {url}: connection refused (is the server running?)"
    if isinstance(reason, socket.gaierror):
        return f"cannot reach {url}: unknown host"
    if isinstance(exc, (http.client.HTTPException, ConnectionError)):
        return f"{url} closed the connection: {exc.__class__.__name__} {exc}".rstrip()
    return f"cannot reach {url}: {reason}"


def send(req: urllib.request.Request, user: str | None, password: str | None,
         timeout: float) -> None:
    """Send one request with the server's auth scheme; any failure is one EndpointError line."""
    try:
        authorize(req, user, password, timeout)
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
    except (EndpointError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - one clear message
        raise EndpointError(describe(exc, req.full_url.split("?")[0], timeout)) from None

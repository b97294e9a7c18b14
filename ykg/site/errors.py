"""The errors of publishing and serving a site (both bad input to the CLI: exit 2)."""
from __future__ import annotations

from ykg.foundation.errors import UserError


class PublishError(UserError):
    """A problem that stops publishing (bad output folder, unmappable IRI)."""


class ServeError(UserError):
    """A problem that stops the server from starting (no site, port in use)."""

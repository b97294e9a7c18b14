"""The errors every layer raises, each with the exit code the CLI gives it."""
from __future__ import annotations


class YkgError(Exception):
    """A problem ykg reports in one line (or a list of lines) without a traceback."""

    exit_code = 2

    def report(self) -> str:
        """Return the text printed to standard error."""
        return f"error: {self}"


class UserError(YkgError):
    """Bad input or a bad argument: exit 2."""

    exit_code = 2


class NotFound(YkgError):
    """A name or id that matches nothing, with the closest candidates: exit 1."""

    exit_code = 1

    def __init__(self, message: str, candidates: list[str] | tuple[str, ...] = ()):
        super().__init__(message)
        self.candidates = list(candidates)

    def report(self) -> str:
        text = f"error: {self}"
        if self.candidates:
            text += "\n  did you mean: " + ", ".join(self.candidates)
        return text


class NotConforming(YkgError):
    """The data does not conform to the shapes: exit 1."""

    exit_code = 1

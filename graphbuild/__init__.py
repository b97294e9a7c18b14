"""Build the ykg RDF dataset from the curated tables in data/."""
from .build import Build, build_dataset, build_to, write_build
from .errors import DataError, Problem

__all__ = ["Build", "DataError", "Problem", "Report", "Stats", "build_dataset", "build_to",
           "compute_stats", "validate_build", "validate_file", "write_build"]

# Imported on first use: `ykg build` needs neither the validator nor the statistics.
_LAZY = {"Report": "validate", "validate_build": "validate", "validate_file": "validate",
         "Stats": "stats", "compute_stats": "stats"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

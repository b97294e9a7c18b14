"""Build the ykg RDF dataset from the curated tables in data/."""
from .build import Build, build_dataset, build_to, write_build
from .errors import DataError, Problem
from .stats import Stats, compute_stats
from .validate import Report, validate_build, validate_file

__all__ = ["Build", "DataError", "Problem", "Report", "Stats", "build_dataset", "build_to",
           "compute_stats", "validate_build", "validate_file", "write_build"]

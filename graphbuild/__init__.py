"""Build the ykg RDF dataset from the curated tables in data/."""
from .build import Build, build_dataset, build_to, write_build
from .errors import DataError, Problem

__all__ = ["Build", "DataError", "Problem", "build_dataset", "build_to", "write_build"]

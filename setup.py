"""Build step that pyproject.toml cannot say: ship data/, ontology/ and queries/ inside the wheel.

They live at the top of the repository (the design card's layout) but an installed package has no
repository around it, so the build copies them into ykg/_resources/, where
ykg.foundation.paths.resource_dir looks first. Everything else is declared in pyproject.toml.
"""
from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent
RESOURCES = ("data", "ontology", "queries")
BUNDLE = Path("ykg") / "_resources"


def resource_files() -> list[Path]:
    """Return every file of the top-level resources, relative to the repository, in a stable order."""
    files = []
    for name in RESOURCES:
        files += [p.relative_to(ROOT) for p in sorted((ROOT / name).rglob("*"))
                  if p.is_file() and "__pycache__" not in p.parts]
    return files


class BuildPyWithResources(build_py):
    """Copy the top-level resources into ykg/_resources/ of the build folder."""

    def run(self):
        super().run()
        # An editable install reads them from the repository itself; copying would shadow edits.
        if getattr(self, "editable_mode", False):
            return
        for rel in resource_files():
            target = Path(self.build_lib) / BUNDLE / rel
            self.mkpath(str(target.parent))
            self.copy_file(str(ROOT / rel), str(target))

    def get_outputs(self, include_bytecode=True):
        """List the copied resources too, so installers record them."""
        outputs = super().get_outputs(include_bytecode)
        if getattr(self, "editable_mode", False):
            return outputs
        return outputs + [str(Path(self.build_lib) / BUNDLE / rel) for rel in resource_files()]


class SdistWithResources(sdist):
    """Put the top-level resources into the source archive, so a wheel built from it has them."""

    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        for rel in resource_files():
            target = Path(base_dir) / rel
            self.mkpath(str(target.parent))
            self.copy_file(str(ROOT / rel), str(target))


setup(cmdclass={"build_py": BuildPyWithResources, "sdist": SdistWithResources},
      # build/ is where `make demo` writes the graph and the site; setuptools' own work goes aside.
      options={"build": {"build_base": ".setuptools-build"}})

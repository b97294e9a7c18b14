"""The application: where the graph comes from, and every operation the commands run on it.

One Application per command run. It owns the base IRI and the source of the graph (the tables,
a build folder or dump, or a SPARQL endpoint) and makes the build, the store, the network and
the catalogue on first use. Each method imports the packages it calls, so a command loads only
what it runs: `ykg --help` loads no heavy library, and `ykg validate` neither the catalogue (with
its HTTP client) nor the views or the site.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ykg.foundation.constants import DEFAULT_BASE
from ykg.foundation.errors import NotConforming, UserError
from ykg.foundation.paths import DATA_DIR, QUERIES_DIR
from ykg.foundation.rdf import check_base
from ykg.network.presets import DEFAULT_K


@dataclass(frozen=True)
class Remote:
    """A SPARQL endpoint to run queries on instead of the embedded store."""

    url: str
    # None: the dataset's named graphs under the base; (): none, the server's own default graph.
    default_graphs: tuple[str, ...] | None = None
    user: str | None = None
    password: str | None = None
    timeout: float = 60.0


class Application:
    """The graph of one base IRI from one source, and the operations over it."""

    def __init__(self, *, base: str = DEFAULT_BASE, data_dir: Path | None = None,
                 source: Path | None = None, remote: Remote | None = None):
        if remote is not None and (source is not None or data_dir is not None):
            raise UserError("give either --endpoint or --source/--data, not both")
        if source is not None and data_dir is not None:
            raise UserError("give either --source or --data, not both")
        self.base = base
        self.data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
        self.source = Path(source) if source is not None else None
        self.remote = remote

    # -- the graph, made on first use ------------------------------------------------------------

    def checked_base(self) -> str:
        """Return the base IRI, or raise UserError naming --base when it is not a usable IRI."""
        return check_base(self.base)

    @cached_property
    def build(self):
        """The graphbuild.Build: read from --source, else built from the tables."""
        from ykg import store
        base = self.checked_base()
        if self.source is None:
            from graphbuild import build_dataset
            return build_dataset(self.data_dir, base)
        return store.load_build(self.source, base)

    @cached_property
    def store(self):
        """The embedded pyoxigraph store of the graph (named graphs kept)."""
        from ykg import store
        if self.source is None:
            return store.store_from_build(self.build)
        return store.open_store(self.source)

    @cached_property
    def network(self):
        """The policy network (networkx) drawn from the store."""
        from ykg import network
        return network.build_network(self.store)

    @cached_property
    def catalogue(self) -> dict:
        """The named queries of queries/, by id."""
        from ykg import catalogue
        return catalogue.load_catalogue()

    def endpoint(self, remote: Remote | None = None):
        """Return the catalogue's Endpoint for a Remote; a bad URL is a user mistake."""
        from ykg import catalogue
        remote = remote or self.remote
        try:
            return catalogue.Endpoint(remote.url, base=self.checked_base(),
                                      default_graphs=remote.default_graphs, user=remote.user,
                                      password=remote.password, timeout=remote.timeout)
        except catalogue.EndpointError as exc:
            raise UserError(str(exc)) from None

    @property
    def target(self):
        """What queries run on: the endpoint when one is given, else the embedded store."""
        return self.endpoint() if self.remote is not None else self.store

    def resolve(self, text: str, kinds: tuple[str, ...] | None = None) -> str:
        """Return the IRI of the entity text names: IRI, kind/id, label, reading, English label.

        Every command takes entities in these forms: query parameters through the catalogue,
        views and paths through ykg.network.find_node, which applies the same rules
        (ykg.entities.EntityIndex) to the nodes of the network, so a name means a node there.
        """
        from ykg import entities
        return entities.resolve(self.store, text, kinds)

    # -- build, check, describe ------------------------------------------------------------------

    def write_build(self, out_dir: Path) -> list[Path]:
        """Write the four graph files into out_dir (all or nothing)."""
        from graphbuild import write_build
        return write_build(self.build, out_dir)

    def validate(self, graph_file: Path | None = None):
        """Return the SHACL report of the build, or of a written graph file."""
        from graphbuild.validate import validate_build, validate_file
        if graph_file is None:
            return validate_build(self.build)
        try:
            return validate_file(graph_file)
        except Exception as exc:  # rdflib has no common parse error: any failure is a bad file
            if isinstance(exc, UserError):
                raise
            raise UserError(f"{graph_file}: {exc}") from None

    def stats(self):
        """Return triples per named graph and entities per class."""
        from graphbuild.stats import compute_stats
        return compute_stats(self.build)

    def refresh_registry(self) -> list[str]:
        """Register new ids in the tables' registry.csv; return what changed."""
        from graphbuild.registry import refresh
        return refresh(self.data_dir)

    # -- the query catalogue ---------------------------------------------------------------------

    def query(self, query_id: str):
        """Return the named query with this id."""
        from ykg import catalogue
        return catalogue.get_query(query_id, self.catalogue)

    def run_query(self, query_id: str, assignments=()):
        """Run a named query with NAME=VALUE assignments; an entity may be given by any name."""
        from ykg import catalogue
        q = self.query(query_id)
        values = catalogue.parse_assignments(assignments)
        q.check(values, self.checked_base())  # bad values fail before any data is loaded
        return catalogue.run_query(self.target, q, values, base=self.base,
                                   catalogue=self.catalogue)

    def run_all(self, out_dir: Path) -> list:
        """Run every query with its example parameters; write out_dir/<id>.csv each."""
        from ykg import catalogue
        return catalogue.run_all(self.target, out_dir, self.catalogue, base=self.checked_base())

    def sparql(self, text: str):
        """Run any SPARQL query: a result, a boolean or sorted N-Triples."""
        from ykg import catalogue
        if not text.strip():
            raise UserError("the query is empty")
        return catalogue.run_sparql(self.target, text, base=self.checked_base())

    def push(self, remote: Remote, graph_store: str | None = None):
        """Replace the dataset's named graphs on a server (GSP PUT) and verify the counts."""
        from ykg import catalogue
        endpoint = self.endpoint(remote)
        return catalogue.push_dataset(self.build.quads, endpoint, graph_store)

    def readme(self, check: bool = False) -> Path:
        """Write queries/README.md; with check, raise NotConforming when it is out of date."""
        from ykg import catalogue
        if not check:
            return catalogue.write_readme()
        path = QUERIES_DIR / catalogue.README_NAME
        if not catalogue.readme_is_current():
            raise NotConforming(f"{path} is out of date: run `ykg query readme`")
        return path

    # -- the network -----------------------------------------------------------------------------

    def view(self, preset: str, args, out: Path | None = None, lang: str = "ja", *,
             k: int = DEFAULT_K, columns: str | None = None):
        """Write one offline HTML view of a preset (entities named as in resolve)."""
        from ykg import views
        return views.write_view(self.store, preset, list(args), out, lang, k=k, columns=columns,
                                net=self.network)

    def analyze(self, fmt: str = "table", lang: str = "ja", only: str | None = None) -> str:
        """Return centrality, bridges, communities and co-participation as text."""
        from ykg import network
        return network.analyze_store(self.store, fmt, lang, only)

    def path(self, a: str, b: str, k: int = DEFAULT_K, lang: str = "ja") -> str:
        """Describe the k shortest connections between two entities (named as in resolve)."""
        from ykg import network
        return network.describe_paths(self.store, a, b, k, lang)

    # -- editions --------------------------------------------------------------------------------

    def diff(self, old: str, new: str, fmt: str = "table", *, everything: bool = False) -> str:
        """Compare two editions (build, dump, site, tables or git:REV) and format what changed."""
        from ykg import diff
        base = self.checked_base()
        result = diff.diff_editions(diff.load_side(old, base), diff.load_side(new, base),
                                    rule_graphs=everything)
        return diff.format_diff(result, fmt)

    # -- the site --------------------------------------------------------------------------------

    def publish(self, out_dir: Path, site_url: str | None = None,
                previous: Path | None = None):
        """Write the linked-data site of the build into out_dir (with an earlier edition's changes)."""
        from ykg import site
        if site_url is not None:
            check_base(site_url.rstrip("/"), "--site-url")
        if previous is None:  # the call of the earlier rounds, unchanged
            return site.publish_site(self.build, out_dir, site_url=site_url)
        return site.publish_site(self.build, out_dir, site_url=site_url,
                                 previous_edition=Path(previous))

    @staticmethod
    def serve(folder: Path, host: str, port: int, **options) -> None:
        """Serve a published site until interrupted."""
        from ykg import site
        site.serve_site(folder, host, port, **options)

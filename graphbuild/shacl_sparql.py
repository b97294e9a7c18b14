"""The SHACL shapes run as SPARQL on pyoxigraph: the fast path of `ykg validate`.

The shapes are compiled into one SELECT per constraint over every focus node at once, on a store
that holds the data, the ontology and what RDFS entails from them (what pySHACL's
inference="rdfs" adds: sub-property values, domain and range types, super-class types). The
compiler knows the SHACL Core subset the shapes use; anything else raises Unsupported, and the
caller validates with pySHACL instead (graphbuild.validate.validate_graph, the reference the
tests hold this path to).
"""
from __future__ import annotations

from dataclasses import dataclass

from ykg.foundation.constants import PREFIXES, RDF_TYPE
from ykg.foundation.rdf import curie

SH = PREFIXES["sh"]
RDF = PREFIXES["rdf"]
RDFS = PREFIXES["rdfs"]
DATA = "urn:ykg:validate:data"
ONTOLOGY = "urn:ykg:validate:ontology"
INFERRED = "urn:ykg:validate:inferred"


class Unsupported(Exception):
    """Raise when the shapes use something this compiler does not translate."""


@dataclass(frozen=True)
class Check:
    """One compiled constraint: its query (rows ?this, maybe ?value) and what a result says."""

    query: str
    severity: str
    path: str
    message_ja: str
    message_en: str


class ShapesGraph:
    """The triples of a shapes file by subject and predicate IRI."""

    def __init__(self, triples):
        self.by_subject: dict = {}
        for t in triples:
            self.by_subject.setdefault(t.subject, {}).setdefault(t.predicate.value, []).append(
                t.object)

    def values(self, node, pred: str) -> list:
        return self.by_subject.get(node, {}).get(pred, [])

    def value(self, node, pred: str):
        found = self.values(node, pred)
        return found[0] if found else None

    def items(self, node) -> list:
        """Return the members of an RDF list."""
        out = []
        while node is not None and getattr(node, "value", None) != RDF + "nil":
            out.append(self.value(node, RDF + "first"))
            node = self.value(node, RDF + "rest")
        return out

    def predicates(self, node) -> set[str]:
        return set(self.by_subject.get(node, {}))


def _term(t) -> str:
    """Return a term as SPARQL text (N-Triples syntax is valid SPARQL for IRIs and literals)."""
    return str(t)


# -- value conditions: a SPARQL expression true when ?v conforms -------------------------------

VALUE_KEYS = {SH + k for k in ("class", "datatype", "languageIn", "minInclusive", "maxInclusive",
                               "pattern", "flags", "in", "nodeKind", "not", "xone")}
NODE_KINDS = {SH + "IRI": "isIRI(?v)", SH + "BlankNode": "isBlank(?v)",
              SH + "Literal": "isLiteral(?v)", SH + "BlankNodeOrIRI": "!isLiteral(?v)",
              SH + "IRIOrLiteral": "!isBlank(?v)", SH + "BlankNodeOrLiteral": "!isIRI(?v)"}


def value_conditions(g: ShapesGraph, node) -> list[str]:
    """Return one condition per value-type constraint of a shape node."""
    conds = []
    for pred in sorted(g.predicates(node) & VALUE_KEYS):
        for obj in g.values(node, pred):
            cond = _condition(g, node, pred, obj)
            if cond is not None:
                conds.append(cond)
    return conds


def _lang_condition(g: ShapesGraph, obj) -> str:
    langs = [x.value for x in g.items(obj)]
    if "*" in langs:
        return '(isLiteral(?v) && lang(?v) != "")'
    tests = " || ".join(f'langMatches(lang(?v), "{x}")' for x in langs)
    return f"(isLiteral(?v) && ({tests or 'false'}))"


def _condition(g: ShapesGraph, node, pred: str, obj) -> str | None:
    key = pred[len(SH):]
    if key == "class":
        return f"EXISTS {{ ?v a {_term(obj)} }}"
    if key == "datatype":
        return f"(isLiteral(?v) && datatype(?v) = {_term(obj)})"
    if key == "languageIn":
        return _lang_condition(g, obj)
    if key in ("minInclusive", "maxInclusive"):
        op = ">=" if key == "minInclusive" else "<="
        return f"COALESCE(?v {op} {_term(obj)}, false)"
    if key == "pattern":
        flags = g.value(node, SH + "flags")
        extra = f", {_term(flags)}" if flags is not None else ""
        return f"(!isBlank(?v) && REGEX(STR(?v), {_term(obj)}{extra}))"
    if key == "flags":
        return None
    if key == "in":
        members = " || ".join(f"sameTerm(?v, {_term(x)})" for x in g.items(obj))
        return f"({members or 'false'})"
    if key == "nodeKind":
        if obj.value not in NODE_KINDS:
            raise Unsupported(f"sh:nodeKind {obj}")
        return NODE_KINDS[obj.value]
    if key == "not":
        return f"!({_shape_condition(g, obj)})"
    if key == "xone":
        count = " + ".join(f"IF({_shape_condition(g, s)}, 1, 0)" for s in g.items(obj))
        return f"(({count or '0'}) = 1)"
    raise Unsupported(pred)


def _shape_condition(g: ShapesGraph, shape) -> str:
    """Return the condition that a value conforms to a nested shape of value constraints only."""
    extra = g.predicates(shape) - VALUE_KEYS - {RDF_TYPE, SH + "message", SH + "severity"}
    if extra:
        raise Unsupported(f"nested shape with {sorted(extra)}")
    conds = value_conditions(g, shape)
    return " && ".join(f"({c})" for c in conds) if conds else "true"


# -- shapes --------------------------------------------------------------------------------------

PROPERTY_KEYS = VALUE_KEYS | {SH + k for k in (
    "path", "minCount", "maxCount", "qualifiedValueShape", "qualifiedMinCount", "uniqueLang",
    "message", "severity", "name", "description")}
NODE_KEYS = VALUE_KEYS | {RDF_TYPE} | {SH + k for k in (
    "targetClass", "targetObjectsOf", "property", "sparql", "message", "severity")}


def _messages(g: ShapesGraph, *nodes, default: str | None = None) -> tuple[str, str]:
    for node in nodes:
        msgs = g.values(node, SH + "message")
        if msgs:
            ja = next((m.value for m in msgs if m.language == "ja"), "")
            en = next((m.value for m in msgs if m.language == "en"), "")
            en = en or next((m.value for m in msgs if not m.language), "")
            return ja or "制約違反", en
    if default is not None:
        return "制約違反", default
    raise Unsupported("a constraint without sh:message (pySHACL writes its own text)")


def _severity(g: ShapesGraph, node) -> str:
    sev = g.value(node, SH + "severity")
    return sev.value.rsplit("#", 1)[-1] if sev is not None else "Violation"


def _path(g: ShapesGraph, node, prefixes: dict[str, str]) -> tuple[str, str]:
    """Return a property path as SPARQL and as the report shows it."""
    path = g.value(node, SH + "path")
    if path is None:
        raise Unsupported("property shape without sh:path")
    if type(path).__name__ == "NamedNode":
        return _term(path), curie(path.value, prefixes)
    inverse = g.value(path, SH + "inversePath")
    if inverse is not None and g.predicates(path) == {SH + "inversePath"}:
        return f"^{_term(inverse)}", "^" + curie(inverse.value, prefixes)
    raise Unsupported("a property path other than an IRI or sh:inversePath")


def _target(g: ShapesGraph, shape) -> str:
    parts = []
    classes = g.values(shape, SH + "targetClass")
    if classes:
        parts.append(f"{{ VALUES ?target_class {{ {' '.join(map(_term, classes))} }} "
                     "?this a ?target_class }")
    for pred in g.values(shape, SH + "targetObjectsOf"):
        parts.append(f"{{ ?target_subject {_term(pred)} ?this }}")
    if not parts:
        raise Unsupported("a node shape without sh:targetClass or sh:targetObjectsOf")
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }"


def compile_shapes(triples, prefixes: dict[str, str]) -> list[Check]:
    """Compile every node shape of a shapes graph into checks."""
    g = ShapesGraph(triples)
    shapes = sorted((s for s, preds in g.by_subject.items()
                     if any(getattr(t, "value", None) == SH + "NodeShape"
                            for t in preds.get(RDF_TYPE, []))), key=str)
    checks: list[Check] = []
    for shape in shapes:
        extra = g.predicates(shape) - NODE_KEYS
        if extra:
            raise Unsupported(f"{shape}: {sorted(extra)}")
        target = _target(g, shape)
        conds = value_conditions(g, shape)
        if conds:
            kinds = g.values(shape, SH + "nodeKind")
            only_kind = len(conds) == 1 and len(kinds) == 1
            # pySHACL's own text for the one constraint a shape here states without a message
            default = f"Value is not of Node Kind sh:{kinds[0].value[len(SH):]}" if only_kind \
                else None
            ja, en = _messages(g, shape, default=default)
            for cond in conds:
                query = (f"SELECT DISTINCT ?this ?value WHERE {{ {target} BIND(?this AS ?v) "
                         f"FILTER(!({cond})) BIND(?this AS ?value) }}")
                checks.append(Check(query, _severity(g, shape), "-", ja, en))
        for prop in g.values(shape, SH + "property"):
            checks += _property_checks(g, prop, target, prefixes)
        for sparql in g.values(shape, SH + "sparql"):
            checks.append(_sparql_check(g, shape, sparql, target))
    return checks


def _property_checks(g: ShapesGraph, prop, target: str, prefixes) -> list[Check]:
    extra = g.predicates(prop) - PROPERTY_KEYS
    if extra:
        raise Unsupported(f"property shape with {sorted(extra)}")
    path, shown = _path(g, prop, prefixes)
    ja, en = _messages(g, prop)
    sev = _severity(g, prop)
    queries = []
    for cond in value_conditions(g, prop):
        queries.append(f"SELECT DISTINCT ?this ?value WHERE {{ {target} ?this {path} ?v . "
                       f"FILTER(!({cond})) BIND(?v AS ?value) }}")
    for n in g.values(prop, SH + "minCount"):
        queries.append(f"SELECT ?this WHERE {{ {target} OPTIONAL {{ ?this {path} ?v }} }} "
                       f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {int(n.value)})")
    for n in g.values(prop, SH + "maxCount"):
        queries.append(f"SELECT ?this WHERE {{ {target} ?this {path} ?v }} "
                       f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(n.value)})")
    qshape = g.value(prop, SH + "qualifiedValueShape")
    if qshape is not None:
        n = g.value(prop, SH + "qualifiedMinCount")
        if n is None:
            raise Unsupported("sh:qualifiedValueShape without sh:qualifiedMinCount")
        cond = _shape_condition(g, qshape)
        queries.append(f"SELECT ?this WHERE {{ {target} OPTIONAL {{ ?this {path} ?v "
                       f"FILTER({cond}) }} }} GROUP BY ?this "
                       f"HAVING (COUNT(DISTINCT ?v) < {int(n.value)})")
    elif g.value(prop, SH + "qualifiedMinCount") is not None:
        raise Unsupported("sh:qualifiedMinCount without sh:qualifiedValueShape")
    unique = g.value(prop, SH + "uniqueLang")
    if unique is not None and unique.value == "true":
        queries.append(f"SELECT DISTINCT ?this WHERE {{ {target} ?this {path} ?v , ?w . "
                       "FILTER(isLiteral(?v) && isLiteral(?w) && lang(?v) != \"\" && "
                       "LCASE(lang(?v)) = LCASE(lang(?w)) && !sameTerm(?v, ?w)) }")
    return [Check(q, sev, shown, ja, en) for q in queries]


def _sparql_check(g: ShapesGraph, shape, constraint, target: str) -> Check:
    select = g.value(constraint, SH + "select")
    if select is None:
        raise Unsupported("sh:sparql without sh:select")
    decls = []
    for source in g.values(constraint, SH + "prefixes"):
        for decl in g.values(source, SH + "declare"):
            prefix, ns = g.value(decl, SH + "prefix"), g.value(decl, SH + "namespace")
            decls.append(f"PREFIX {prefix.value}: <{ns.value}>")
    inner = select.value.replace("$this", "?this")
    ja, en = _messages(g, constraint, shape)
    query = (" ".join(decls) + f" SELECT DISTINCT ?this ?value WHERE {{ {target} {{ {inner} }} }}")
    return Check(query, _severity(g, constraint), "-", ja, en)

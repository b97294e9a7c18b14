"""The policy network: a networkx graph of the entities and the relations a planner reasons with.

Nodes are entities (programs, goals, departments, …) with their class, Japanese and English
labels, budget, department and source section. Edges are the meaningful relations between them,
each with its evidence: the document section it was read from, the basis of a curated link, or
the rule of a derived tag. Node ids are the IRI path after `/id/` (`program/p0001`), so they do
not depend on the base IRI. The names of classes and relations come from the ontology.

Modules: vocabulary (kinds of node and edge), read (build_network), evidence, graph (subgraphs,
paths), names (find_node), analyze (analytics tables), paths (paths in words), presets (plain
data for the CLI). Importing this package imports neither networkx nor pyoxigraph.
"""
from __future__ import annotations

from .analyze import (ANALYSES, TABLE_TITLES, TABLES, Analysis, analyze_store, format_analysis,
                      run_analysis)
from .evidence import evidence_text, section_text
from .graph import (analysis_graph, label, nodes_of_class, path_graph, shortest_paths,
                    subgraph)
from .names import NameNotFound, NetworkError, find_node
from .paths import Hop, describe_paths, explain_paths
from .presets import (ANALYSIS_FORMATS, ANALYSIS_TABLES, DEFAULT_K, LANGS, MAX_K, PRESETS,
                      PresetInfo)
from .read import build_network
from .vocabulary import (CLASSES, NOT_ANALYSED, PATH_WEIGHTS, RELATIONS, NodeClass, Relation,
                         node_id, section_id)

__all__ = [
    "ANALYSES", "ANALYSIS_FORMATS", "ANALYSIS_TABLES", "Analysis", "CLASSES", "DEFAULT_K", "Hop",
    "LANGS", "MAX_K", "NOT_ANALYSED", "NameNotFound", "NetworkError", "NodeClass",
    "PATH_WEIGHTS", "PRESETS", "PresetInfo", "RELATIONS", "Relation", "TABLES", "TABLE_TITLES",
    "analysis_graph", "analyze_store", "build_network", "describe_paths", "evidence_text",
    "explain_paths", "find_node", "format_analysis", "label", "node_id", "nodes_of_class",
    "path_graph", "run_analysis", "section_id", "section_text", "shortest_paths", "subgraph",
]

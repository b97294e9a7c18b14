"""ykg: explore the knowledge graph of Yamaguchi Prefecture's digital reform policy."""
__version__ = "0.1.0"

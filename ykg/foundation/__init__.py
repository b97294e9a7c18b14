"""The foundation layer: constants, RDF, SPARQL and text helpers that every other module stands on.

Nothing here imports any other part of ykg or graphbuild; heavy libraries are imported lazily.
"""

"""sitrep: turn a stream of news into a structured, source-attributed knowledge base."""

__version__ = "0.1.0"

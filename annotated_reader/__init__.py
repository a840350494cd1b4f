"""Annotated reader: raw articles + YAML annotations -> an annotated MkDocs site."""

__version__ = "0.1.0"

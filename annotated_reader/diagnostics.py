"""One-line constructors of the diagnostics the stages return (the ``Diagnostic`` type is in model.py)."""

from __future__ import annotations

from annotated_reader.model import Diagnostic


def file_error(path: str, message: str, hint: str = "") -> Diagnostic:
    """An error about a whole file or folder, reported at its first line: it stops the build."""
    return Diagnostic(path, 1, 1, "error", message, hint)

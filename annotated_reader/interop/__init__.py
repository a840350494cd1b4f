"""Interop: exchange with other tools (W3C export and reading, import, data files, ClaimReview, JSON Schema)."""

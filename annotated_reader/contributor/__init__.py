"""Commands for contributors: ``new`` (an article's metadata, or a project) and ``list`` (ids to refer to)."""

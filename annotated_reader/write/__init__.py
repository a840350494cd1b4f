"""Write: the only code that writes: docs/ (journaled, guarded, locked), then site/ with mkdocs and Pagefind."""

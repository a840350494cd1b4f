"""Render: the Markdown pages of docs/ (article page, index pages, listings, names, teachers). Pure."""

"""The preview of `serve`: the site served on 127.0.0.1, rebuilt on changes, annotated by selecting text."""

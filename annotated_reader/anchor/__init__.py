"""Anchor: quote selectors placed on the raw article text (folding, matching, resolution, locate). Pure."""

"""Read: every input file parsed, checked and validated (YAML with positions, articles, annotation files,
settings, limits). Nothing here writes."""

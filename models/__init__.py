"""Rule files, lexicons and trained pipelines, shipped as package data (extractor.models)."""

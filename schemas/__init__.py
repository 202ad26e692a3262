"""JSON Schemas of the output and of the rule files, shipped as package data (extractor.schemas)."""

"""Narration: Markdown sentences generated from each stage's numbers."""

"""Narration: each notebook's sentences as tested functions returning Markdown, one module per stage."""

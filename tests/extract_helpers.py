"""Helpers shared by the extraction tests: each extractor's table as plain tuples."""

from __future__ import annotations

from textkit import extract as ex


def formulations(text: str) -> list[tuple[str, str, bool]]:
    found = ex.extract_formulations(text)
    return list(zip(found["formulation"], found["kind"], found["quoted"], strict=True))


def keys(text: str) -> list[str]:
    return ex.extract_formulations(text)["formulation"].tolist()


def places(text: str) -> list[tuple[str, str, str]]:
    found = ex.extract_places(text)
    return list(zip(found["name"], found["level"], found["province"], strict=True))


def claims(text: str, **kwargs) -> list[tuple[str, float, str]]:
    found = ex.extract_claims(text, **kwargs)
    return list(zip(found["match"], found["value"], found["unit"], strict=True))


def claim_values(text: str) -> list[tuple[float, str]]:
    """``claims(text)`` without the matched text: (value, unit) pairs."""
    return [(value, unit) for _, value, unit in claims(text)]

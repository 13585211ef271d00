"""The list every message module appends to: (file stem, one-line description, builder)."""

from __future__ import annotations

from typing import Callable

CORPUS: list[tuple[str, str, Callable[[], bytes]]] = []


def eml(stem: str, description: str):
    def register(builder: Callable[[], bytes]) -> Callable[[], bytes]:
        CORPUS.append((stem, description, builder))
        return builder
    return register

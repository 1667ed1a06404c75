"""The public surface of the language layer is explicit: every name in ``__all__`` exists and is sorted."""

from __future__ import annotations

import importlib

import pytest

MODULES = [
    "app.language",
    "app.language.pipeline",
    "app.language.actors.gazetteer",
    "app.language.actors.references",
    "app.language.events.lexicon",
    "app.language.events.mentions",
    "app.language.events.clauses",
    "app.language.events.timing",
    "app.language.ordering.relations",
    "app.language.ordering.dedupe",
    "app.language.ordering.clustering",
    "app.language.ordering",
    "app.language.actors",
    "app.language.events",
]


@pytest.mark.parametrize("name", MODULES)
def test_all_is_explicit_and_resolves(name: str) -> None:
    module = importlib.import_module(name)
    exported = module.__all__
    assert exported, f"{name} has an empty __all__"
    assert len(set(exported)) == len(exported)
    for member in exported:
        assert hasattr(module, member), f"{name}.{member} is in __all__ but missing"


def test_language_package_surface() -> None:
    import app.language as language

    assert {"extract", "extract_record", "PIPELINE_VERSION"} <= set(language.__all__)
    assert isinstance(language.PIPELINE_VERSION, str) and language.PIPELINE_VERSION
    public = {n for n in vars(language) if not n.startswith("_")}
    submodules = {"actors", "events", "ordering", "temporal", "pipeline", "types", "sentences"}
    assert public - submodules - set(language.__all__) == set(), "public names missing from __all__"

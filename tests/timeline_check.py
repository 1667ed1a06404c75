"""Assertions of the seed gold table against any list of served events (REST items or extract events)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.seed_gold import GOLD, ORDER

#: The fields of one event in a `parley extract` line (DESIGN.md, Interfaces).
EXTRACT_EVENT_KEYS = frozenset(
    (
        "id",
        "cameo",
        "label",
        "actors",
        "targets",
        "modality",
        "earliest",
        "latest",
        "best",
        "granularity",
        "time_text",
        "resolution",
        "evidence",
    )
)


def _evidence_texts(item: dict[str, Any]) -> list[str]:
    if "provenance" in item:
        return [e["text"] for p in item["provenance"] for e in p["evidence"]]
    return [e["text"] for e in item["evidence"]]


def match_gold(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Map each gold key to the one served item that reports it; fail on misses, doubles and extras."""
    found: dict[str, dict[str, Any]] = {}
    for gold in GOLD:
        hits = [
            item
            for item in items
            if item["cameo"].startswith(gold.cameo_root)
            and item.get("modality") != "denied"
            and all(any(phrase in text for text in _evidence_texts(item)) for phrase in gold.evidence)
        ]
        assert len(hits) == 1, (
            f"{gold.key}: expected one event with evidence {gold.evidence}, got {len(hits)}"
        )
        found[gold.key] = hits[0]
    matched = {id(v) for v in found.values()}
    extras = [i for i in items if id(i) not in matched and i.get("modality") != "denied"]
    assert not extras, f"events not in the gold table: {[(e['cameo'], e['label']) for e in extras]}"
    return found


def assert_seed_timeline(items: list[dict[str, Any]]) -> None:
    """The whole gold table: events, CAMEO roots, windows, granularity and order."""
    found = match_gold(items)
    for gold in GOLD:
        item = found[gold.key]
        best, earliest, latest = (date.fromisoformat(item[k]) for k in ("best", "earliest", "latest"))
        assert gold.earliest <= best <= gold.latest, (
            f"{gold.key}: best {best} outside {gold.earliest}..{gold.latest}"
        )
        assert gold.earliest <= earliest <= latest <= gold.latest, (
            f"{gold.key}: [{earliest}, {latest}] not inside {gold.earliest}..{gold.latest}"
        )
        if gold.granularity:
            assert item["granularity"] == gold.granularity, f"{gold.key}: granularity {item['granularity']}"
    for later, earlier in ORDER:
        assert found[later]["best"] >= found[earlier]["best"], f"{later} must not come before {earlier}"

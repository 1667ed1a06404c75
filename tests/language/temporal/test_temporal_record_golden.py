"""Golden file for the ``parley timex --jsonl`` record of the seed article (STYLE.md habit 10).

If this fails after a deliberate change, look at the diff, then regenerate the file with the
snippet in this module's ``regenerate`` function and commit both.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from app.language.temporal import timex_record

REPO = Path(__file__).parents[3]
SEED = REPO / "seeds" / "zamin-2025-04-22-putin-bilateral-talks.txt"
GOLDEN = Path(__file__).with_name("golden") / "seed_timex.json"


def _record() -> dict[str, object]:
    body = SEED.read_text(encoding="utf-8").split("---", 2)[-1]
    return timex_record("zamin-2025-04-22", body, date(2025, 4, 22))


def regenerate() -> None:
    GOLDEN.write_text(json.dumps(_record(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def test_seed_record_matches_golden_file():
    assert _record() == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_record_is_json_with_the_contract_keys():
    record = json.loads(json.dumps(_record()))
    assert set(record) == {"id", "timexes"}
    for timex in record["timexes"]:
        assert set(timex) == {"start", "end", "text", "type", "value", "earliest", "latest", "granularity"}
        assert (timex["earliest"] is None) == (timex["latest"] is None) == (timex["granularity"] is None)

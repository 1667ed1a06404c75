"""The dev-set scorer as a regression floor: figures may rise, never fall below these.

Runs ``bench/events_score.py`` in-process on ``../shared/corpora/peace-dev`` (never
copied into the repository).  The floors sit a little under the figures reached
(see README, "Event extraction accuracy"); raise them when the figures rise.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).parents[3]
GOLD = ROOT.parent / "shared" / "corpora" / "peace-dev"
FLOORS = {
    "f1": 0.90,
    "cameo_root_accuracy": 0.87,
    "actor_accuracy": 0.90,
    "date_accuracy": 0.95,
    "order_accuracy": 0.96,
}

pytestmark = pytest.mark.corpus


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("events_score", ROOT / "bench" / "events_score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("events_score", module)  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    if not (GOLD / "events.jsonl").exists():
        pytest.skip(f"dev corpus not found at {GOLD}: the accuracy floor needs ../shared/corpora/peace-dev")
    return dict(_scorer().score(GOLD).figures())


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_dev_figure_stays_above_its_floor(figures: dict[str, float], name: str) -> None:
    assert figures[name] >= FLOORS[name], f"{name} fell to {figures[name]:.3f} (floor {FLOORS[name]})"


def test_window_width_stays_honest(figures: dict[str, float]) -> None:
    """Narrow windows bought by guessing would show here: the median stays within a week."""
    assert figures["median_window_days"] <= 7

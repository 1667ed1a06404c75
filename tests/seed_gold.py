"""The seed article's gold timeline (issue: Parley end to end), as data shared by the acceptance tests.

Each row: a phrase that must appear in one of the event's evidence spans, the
CAMEO root, the window the text justifies, whether the served [earliest, latest]
must lie inside that window, and evidence phrases that must all belong to this
one event (merged mentions).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.settings import PROJECT_ROOT

SEED_FILE = PROJECT_ROOT / "seeds" / "zamin-2025-04-22-putin-bilateral-talks.txt"
PUBLISHED = date(2025, 4, 22)


@dataclass(frozen=True)
class GoldEvent:
    key: str
    cameo_root: str
    earliest: date
    latest: date
    evidence: tuple[str, ...]
    granularity: str | None = None


GOLD = (
    GoldEvent(
        "E0",
        "19",
        date(2022, 2, 1),
        date(2022, 2, 28),
        (
            "since the start of the full-scale war against Ukraine",
            "full-scale invasion of Ukrainian territory",
        ),
        "month",
    ),
    GoldEvent(
        "E3",
        "13",
        date(2025, 4, 18),
        date(2025, 4, 20),
        ("had threatened to withdraw", "Trump and Secretary of State Marco Rubio announced"),
    ),
    GoldEvent("E7", "01", date(2025, 4, 18), date(2025, 4, 22), ("Trump predicted",)),
    GoldEvent(
        "E1", "03", date(2025, 4, 20), date(2025, 4, 22), ("has proposed initiating bilateral negotiations",)
    ),
    GoldEvent("E2", "03", date(2025, 4, 15), date(2025, 4, 22), ("readiness for",)),
    GoldEvent("E5", "03", date(2025, 4, 20), date(2025, 4, 22), ("Peskov clarified Putin's remarks",)),
)

# "after" pairs: (later, earlier) by gold key.
ORDER = (("E3", "E0"), ("E7", "E3"), ("E1", "E3"), ("E5", "E1"))


def seed_text() -> str:
    """The article text without its front matter."""
    raw = SEED_FILE.read_text(encoding="utf-8")
    return raw.split("\n---\n", 1)[1].strip("\n")

"""The language layer is pure (STYLE.md habit 3): no database, web, environment or clock."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[3] / "app" / "language"
FILES = [*sorted((ROOT / "temporal").glob("*.py")), ROOT / "sentences.py"]
FORBIDDEN = re.compile(
    r"^\s*(?:from|import)\s+(?:sqlalchemy|fastapi|httpx|starlette|requests|os\b)|os\.environ|getenv|"
    r"\.now\(|\.today\(|time\.time\(",
    re.MULTILINE,
)


def test_no_forbidden_imports_or_clock_reads():
    offenders = {p.name: FORBIDDEN.findall(p.read_text(encoding="utf-8")) for p in FILES}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_dateparser_is_only_reached_through_the_adapter():
    users = [
        p.name
        for p in FILES
        if re.search(r"^\s*(?:from|import)\s+dateparser", p.read_text(encoding="utf-8"), re.M)
    ]
    assert users == ["dateparser_adapter.py"]

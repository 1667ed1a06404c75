"""Compare every table of two Parley stores: does a change of the write path store the same thing?

Usage::

    python bench/ingest_bench.py --n 2000 --write-corpus /tmp/corpus.jsonl
    git worktree add /tmp/before HEAD~3          # the code to compare with
    cd /tmp/before && PARLEY_DATABASE_URL=sqlite:////tmp/before.db \
        python -c 'from app.cli.main import run; run()' ingest /tmp/corpus.jsonl
    cd -           && PARLEY_DATABASE_URL=sqlite:////tmp/after.db \
        python -c 'from app.cli.main import run; run()' ingest /tmp/corpus.jsonl
    python bench/compare_stores.py sqlite:////tmp/before.db sqlite:////tmp/after.db

(``parley ingest`` runs the installed checkout; the ``python -c`` form runs the
one it is started in.)  PostgreSQL: one database per side, the same way.

Every table both stores have is read in primary-key order and compared row by
row: JSON columns and JSON text (payloads, match features) as parsed values,
dates and times by their ISO text.  Columns that hold the time of writing
(``TIME_OF_WRITING``) differ between any two runs and are left out; a table
only one store has (one a migration added) is named, not compared.  Exit
status 0 when everything compared is equal.
"""

from __future__ import annotations

import sys
from typing import Any

import orjson
from sqlalchemy import MetaData, create_engine, select

TIME_OF_WRITING = frozenset(
    {"updated_at", "created_at", "ingested_at", "started_at", "finished_at", "fetched_at", "claimed_at"}
)


def _value(value: Any) -> Any:
    """A column value as compared: JSON text parsed, dates and times as ISO text."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return orjson.loads(value)
        except orjson.JSONDecodeError:
            return value
    if hasattr(value, "isoformat"):
        return value.isoformat().replace("T", " ")
    return value


def read_store(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every table of a store (but Alembic's), its rows in primary-key order."""
    engine = create_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    tables: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for name, table in metadata.tables.items():
            if name == "alembic_version":
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            rows = conn.execute(select(table).order_by(*order)).mappings()
            tables[name] = [
                {k: _value(v) for k, v in row.items() if k not in TIME_OF_WRITING} for row in rows
            ]
    engine.dispose()
    return tables


def compare(before: dict[str, list[dict[str, Any]]], after: dict[str, list[dict[str, Any]]]) -> bool:
    """Print a line per table; True when every table both have is equal."""
    same = True
    for name in sorted(before.keys() | after.keys()):
        if name not in before or name not in after:
            only = "second" if name in after else "first"
            print(
                f"{name}: only in the {only} store ({len((after if name in after else before)[name])} rows)"
            )
            continue
        a, b = before[name], after[name]
        if a == b:
            print(f"{name}: equal ({len(a)} rows)")
            continue
        same = False
        print(f"{name}: DIFFERENT ({len(a)} and {len(b)} rows)")
        for x, y in zip(a, b, strict=False):
            if x != y:
                print(
                    "  first difference:",
                    {k: (x.get(k), y.get(k)) for k in x.keys() | y.keys() if x.get(k) != y.get(k)},
                )
                break
    print("IDENTICAL" if same else "DIFFERENT")
    return same


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    sys.exit(0 if compare(read_store(sys.argv[1]), read_store(sys.argv[2])) else 1)


if __name__ == "__main__":
    main()

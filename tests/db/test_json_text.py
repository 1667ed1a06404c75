"""JSON columns: orjson's text reads back as the standard library's would; what it refuses still stores."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import JSON, Column, Integer, MetaData, Table, insert, select

from app.db import json_text
from app.db.engine import make_engine


def test_same_values_as_the_standard_library() -> None:
    value = {"actors": ["RUS", "UKR"], "score": 0.1 + 0.2, "label": "Genève – talks", 3: None}
    value["n"] = [1, 2.5e-7]
    assert json.loads(json_text.dumps(value)) == json.loads(json.dumps(value))


def test_values_orjson_refuses_fall_back() -> None:
    assert json.loads(json_text.dumps({"big": 2**70})) == {"big": 2**70}


def test_sqlite_column_round_trip(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'j.db'}")
    table = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("doc", JSON))
    table.create(engine)
    docs = [{"match": {"score": 0.75, "reason": "same actors"}}, None, ["é", 2**70]]
    with engine.begin() as connection:
        connection.execute(insert(table), [{"doc": d} for d in docs])
        stored = connection.execute(select(table.c.doc).order_by(table.c.id)).scalars().all()
        raw = connection.exec_driver_sql("SELECT doc FROM t ORDER BY id").scalars().all()
    engine.dispose()
    assert stored == docs
    assert raw[0] == '{"match":{"score":0.75,"reason":"same actors"}}'
    assert raw[1] == "null"  # a Python None in a JSON column is JSON null, as before

"""Core INSERT, UPDATE and SELECT statements run straight on the driver cursor.

Why: the ingest write path runs about ten statements per article.  SQLite
answers each in a few microseconds, while SQLAlchemy's execution layer
(parameter construction, execution context, result set-up) costs ten times
that, which made it most of an article's storage time.  The statement is still
built and compiled by SQLAlchemy (once per statement), and every value still
goes through its column type's own bind processor, so what is stored is exactly
what the Core statement would store.  On PostgreSQL (psycopg) the rows of one
statement go in one pipelined round trip, ids come back per row in order.
Other backends run the Core statement itself.  Driver errors are raised as
SQLAlchemy's, so callers catch ``IntegrityError`` as usual.
"""

from __future__ import annotations

import collections
import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.dialects.sqlite import DATE as SQLITE_DATE
from sqlalchemy.dialects.sqlite import DATETIME as SQLITE_DATETIME
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

__all__ = [
    "DirectInsert",
    "DirectUpdate",
    "DirectSelect",
    "direct_insert",
    "direct_update",
    "savepoint",
    "session_connection",
]

Processor = Callable[[Any], Any] | None
#: SQL text, bound names in order, their bind processors, values of columns the rows leave out,
#: and whether the driver takes positional parameters (SQLite) or named ones (psycopg)
_Compiled = tuple[str, tuple[str, ...], tuple[Processor, ...], dict[str, Any], bool]
#: Backends whose driver cursor the statements run on; any other runs the Core statement.
DRIVERS = frozenset({"sqlite", "postgresql"})


def _compile(
    core: Any, dialect: Dialect, types: Callable[[str], Any], render: Dialect | None = None
) -> tuple[str, tuple[str, ...], tuple[Processor, ...], bool]:
    """SQL text and bound names (by ``render``, default ``dialect``), bind processors (by ``dialect``)."""
    compiled = core.compile(dialect=render or dialect)
    positional = bool(compiled.positional)
    names = tuple(compiled.positiontup or ()) if positional else tuple(compiled.binds)
    processors = tuple(_bind(types(name), dialect) for name in names)
    return str(compiled), names, processors, positional


class _Direct:
    """A statement over ``columns`` of ``table``, compiled per backend on first use."""

    def __init__(self, table: Table, columns: Sequence[str], core: Any) -> None:
        self.table = table
        self.columns = tuple(columns)
        self.core = core
        self._by_dialect: dict[str, _Compiled] = {}

    def _compiled(self, dialect: Dialect, core: Any = None) -> _Compiled:
        key = dialect.name if core is None else f"{dialect.name}+returning"
        found = self._by_dialect.get(key)
        if found is None:
            sql, names, processors, positional = _compile(
                core if core is not None else self.core, dialect, self._type
            )
            defaults = {name: self._default(name) for name in names if name not in self._given()}
            found = self._by_dialect[key] = (sql, names, processors, defaults, positional)
        return found

    def _given(self) -> set[str]:
        return set(self.columns)

    def _default(self, name: str) -> Any:
        """The value of a column the rows leave out: its scalar default (Core binds those too)."""
        default = self.table.c[name].default
        if default is None or not default.is_scalar:
            raise ValueError(f"{self.table.name}.{name}: rows must give it (no scalar default)")
        return default.arg  # type: ignore[attr-defined]

    def _type(self, name: str) -> Any:
        return self.table.c[name].type

    def _params(self, compiled: _Compiled, rows: Sequence[dict[str, Any]]) -> list[Any]:
        _, names, processors, defaults, positional = compiled
        if defaults:
            rows = [{**defaults, **row} for row in rows]
        pairs = tuple(zip(names, processors, strict=True))
        # lists, not tuples from generators: the drivers take either, a comprehension is cheaper
        values = [[row[n] if p is None else p(row[n]) for n, p in pairs] for row in rows]
        return values if positional else [dict(zip(names, v, strict=True)) for v in values]

    def rows(self, session: Session, rows: Sequence[dict[str, Any]]) -> None:
        """Run the statement once per row (a dict over the statement's columns; ``tid`` for an update)."""
        if not rows:
            return
        connection = session_connection(session)
        if connection.dialect.name not in DRIVERS:
            connection.execute(self.core, list(rows))
            return
        compiled = self._compiled(connection.dialect)
        params = self._params(compiled, rows)
        with _driver_errors(connection, compiled[0], params) as driver:
            cursor = driver.cursor()
            try:
                cursor.executemany(compiled[0], params)  # psycopg: one pipelined round trip
            finally:
                cursor.close()


class DirectInsert(_Direct):
    """``INSERT INTO table (columns) VALUES (...)`` for many rows."""

    def __init__(self, table: Table, columns: Sequence[str]) -> None:
        super().__init__(table, columns, insert(table).values({c: bindparam(c) for c in columns}))
        self._returning = self.core.returning(table.c.id) if "id" in table.c else None

    def ids(self, session: Session, rows: Sequence[dict[str, Any]]) -> list[int]:
        """Insert ``rows``; their new ids, in the order of ``rows``."""
        if not rows:
            return []
        connection = session_connection(session)
        if connection.dialect.name not in DRIVERS:
            ordered = self.core.returning(self.table.c.id, sort_by_parameter_order=True)
            return list(connection.execute(ordered, list(rows)).scalars())
        sqlite = connection.dialect.name == "sqlite"
        compiled = self._compiled(connection.dialect, None if sqlite else self._returning)
        params = self._params(compiled, rows)
        ids = []
        with _driver_errors(connection, compiled[0], params) as driver:
            cursor = driver.cursor()
            try:
                if sqlite:
                    for values in params:
                        cursor.execute(compiled[0], values)
                        ids.append(int(cursor.lastrowid))
                else:  # one statement per row, pipelined; each result set in the order of the rows
                    cursor.executemany(compiled[0], params, returning=True)
                    while True:
                        ids.append(int(cursor.fetchone()[0]))
                        if not cursor.nextset():
                            break
            finally:
                cursor.close()
        return ids


class DirectUpdate(_Direct):
    """``UPDATE table SET columns WHERE key = :tid`` for many rows (``key``: ``id`` unless given)."""

    def __init__(self, table: Table, columns: Sequence[str], key: str = "id") -> None:
        core = (
            update(table)
            .where(table.c[key] == bindparam("tid"))
            .values({c: bindparam(c) for c in columns})
            .execution_options(synchronize_session=False)
        )
        super().__init__(table, columns, core)
        self.key = key

    def _given(self) -> set[str]:
        return {*self.columns, "tid"}

    def _type(self, name: str) -> Any:
        return self.table.c[self.key].type if name == "tid" else self.table.c[name].type


class DirectSelect:
    """A Core SELECT run on the driver cursor; rows as named tuples with the selected column names.

    Bound values and results go through the column types' own processors, as
    Core's would; parameters the caller does not give take the values the
    statement was built with (literals such as a LIMIT).
    """

    def __init__(self, core: Any) -> None:
        self.core = core
        self._by_dialect: dict[str, tuple[Any, ...]] = {}
        self._rows: dict[str, tuple[tuple[Processor, ...], Any]] = {}

    def _compiled(self, dialect: Dialect) -> tuple[Any, ...]:
        found = self._by_dialect.get(dialect.name)
        if found is None:
            compiled = self.core.compile(dialect=dialect)
            defaults = {name: bind.value for name, bind in compiled.binds.items()}
            # SQLite: named parameters, so that a value used in many places (a look-up's window in
            # each of its index ranges) is bound once rather than once per place
            render = _named_sqlite() if dialect.name == "sqlite" else None
            sql, names, processors, positional = _compile(
                self.core, dialect, lambda n: compiled.binds[n].type, render
            )
            distinct = dict(zip(names, processors, strict=True))
            found = self._by_dialect[dialect.name] = (sql, names, distinct, defaults, positional)
        return found

    def _results(self, dialect: Dialect, description: Any) -> tuple[tuple[Processor, ...], Any]:
        """Result processors (they may depend on the driver's type codes) and the row type."""
        found = self._rows.get(dialect.name)
        if found is None:
            columns = list(self.core.selected_columns)
            processors = tuple(
                _result(c.type, dialect, d[1]) for c, d in zip(columns, description, strict=True)
            )
            row = collections.namedtuple("Row", [c.name for c in columns])  # type: ignore[misc]
            found = self._rows[dialect.name] = (processors, row)
        return found

    def all(self, session: Session, params: dict[str, Any]) -> list[Any]:
        """Every row the statement yields for ``params``."""
        connection = session_connection(session)
        if connection.dialect.name not in DRIVERS:
            return list(connection.execute(self.core, params))
        raw, results, row = self._run(connection, params)
        return [
            row._make(v if p is None else p(v) for v, p in zip(record, results, strict=True))
            for record in raw
        ]

    def tuples(self, session: Session, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        """Every row as a plain tuple: the driver's own when no column needs a result processor
        (integers, as a look-up of ids returns by the thousand), else processed as ``all`` does."""
        connection = session_connection(session)
        if connection.dialect.name not in DRIVERS:
            return [tuple(r) for r in connection.execute(self.core, params)]
        raw, results, _ = self._run(connection, params)
        if not any(results):
            return cast(list[tuple[Any, ...]], raw)
        return [tuple(v if p is None else p(v) for v, p in zip(r, results, strict=True)) for r in raw]

    def _run(
        self, connection: Connection, params: dict[str, Any]
    ) -> tuple[list[Any], tuple[Processor, ...], Any]:
        """The driver's rows for ``params``, with the result processors and the row type."""
        sql, names, processors, defaults, positional = self._compiled(connection.dialect)
        values = {}
        for name, process in processors.items():
            value = params.get(name, defaults[name])
            values[name] = value if process is None else process(value)
        bound: Any = [values[n] for n in names] if positional else values
        with _driver_errors(connection, sql, bound) as driver:
            cursor = driver.execute(sql, bound)
            raw = cursor.fetchall()
            results, row = self._results(connection.dialect, cursor.description)
        return raw, results, row


@functools.cache
def _named_sqlite() -> Dialect:
    """A SQLite dialect that renders named parameters (``:name``), for SQL text only."""
    return SQLiteDialect_pysqlite(paramstyle="named")


def _plain(impl: Any, kind: type) -> bool:
    """Whether ``impl`` is SQLite's ``kind`` (DATE, DATETIME) in its default storage format."""
    return isinstance(impl, kind) and impl._storage_format == kind._storage_format  # type: ignore[attr-defined]


def _bind(type_: Any, dialect: Dialect) -> Processor:
    impl = type_.dialect_impl(dialect)
    if _plain(impl, SQLITE_DATE):
        return _iso_date  # the same text as the type's own processor, at a tenth of its cost
    processor: Processor = impl.bind_processor(dialect)
    if _plain(impl, SQLITE_DATETIME):
        return functools.partial(_iso_datetime, processor)
    return processor


def _result(type_: Any, dialect: Dialect, type_code: Any) -> Processor:
    impl = type_.dialect_impl(dialect)
    if _plain(impl, SQLITE_DATE):
        return _from_iso_date  # the type's own parser is a regular expression; same result
    processor: Processor = impl.result_processor(dialect, type_code)
    return processor


def _iso_datetime(other: Processor, value: Any) -> Any:
    """A datetime as SQLite's DATETIME type stores it (``YYYY-MM-DD HH:MM:SS.ffffff``, any offset dropped).

    The type's own processor formats a dict of seven fields per value; ``isoformat``
    writes the same text.  Anything else (a date, None) goes to the type's processor.
    """
    if type(value) is datetime:
        return value.isoformat(" ", "microseconds")[:26]
    return other(value) if other is not None else value


def _from_iso_date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _iso_date(value: date | None) -> str | None:
    """A date as SQLite's DATE type stores it (``YYYY-MM-DD``)."""
    return None if value is None else value.isoformat()


@contextmanager
def _driver_errors(connection: Connection, sql: str, params: Any) -> Iterator[Any]:
    """The driver connection; its errors raised as SQLAlchemy's (``IntegrityError`` …)."""
    driver = connection.connection.driver_connection
    assert driver is not None
    try:
        yield driver
    except connection.dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(sql, params, exc, connection.dialect.loaded_dbapi.Error) from exc


def session_connection(session: Session) -> Connection:
    """The connection of the session's transaction, remembered for that transaction.

    ``Session.connection()`` walks the session's transaction machinery on every
    call, which the write path would otherwise do dozens of times per article.
    """
    transaction = session.get_transaction()
    cached = session.info.get("parley.connection")
    if transaction is not None and cached is not None and cached[0] is transaction:
        connection: Connection = cached[1]
        return connection
    connection = session.connection()
    session.info["parley.connection"] = (session.get_transaction(), connection)
    return connection


@contextmanager
def savepoint(session: Session) -> Iterator[None]:
    """A savepoint around a block: its writes are undone if it raises, the enclosing transaction goes on.

    SQLite and PostgreSQL: ``SAVEPOINT`` / ``RELEASE`` on the driver connection
    (the ORM's nested transaction costs many times the statements, and the write
    path makes no ORM changes that would need undoing).  Other backends:
    ``Session.begin_nested``.
    """
    connection = session_connection(session)
    if connection.dialect.name not in DRIVERS:
        with session.begin_nested():
            session.connection()  # emits the SAVEPOINT now (the session would wait for its next use)
            yield
        return
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute("SAVEPOINT parley_article")
    try:
        yield
    except BaseException:
        driver.execute("ROLLBACK TO SAVEPOINT parley_article")
        driver.execute("RELEASE SAVEPOINT parley_article")
        raise
    driver.execute("RELEASE SAVEPOINT parley_article")


@functools.cache
def direct_insert(table: Table, columns: tuple[str, ...]) -> DirectInsert:
    """The insert of these columns into ``table``, built and compiled once."""
    return DirectInsert(table, columns)


@functools.cache
def direct_update(table: Table, columns: tuple[str, ...], key: str = "id") -> DirectUpdate:
    """The update of these columns of ``table`` by ``key`` (the id unless given), built and compiled once."""
    return DirectUpdate(table, columns, key)

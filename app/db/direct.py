"""Core INSERT and UPDATE statements that SQLite runs straight on its driver cursor.

Why: the ingest write path runs about ten statements per article.  SQLite
answers each in a few microseconds, while SQLAlchemy's execution layer
(parameter construction, execution context, result set-up) costs ten times
that, which made it most of an article's storage time.  The statement is still
built and compiled by SQLAlchemy (once per statement), and every value still
goes through its column type's own bind processor, so what is stored is exactly
what the Core statement would store.  Other backends run the Core statement
itself (on PostgreSQL, insertmanyvalues sends many rows in one round trip,
which is what matters there).  Driver errors are raised as SQLAlchemy's, so
callers catch ``IntegrityError`` as usual.
"""

from __future__ import annotations

import collections
import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

from sqlalchemy import Table, bindparam, insert, update
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
#: SQL text, bound names in order, their bind processors, values of columns the rows leave out
_Compiled = tuple[str, tuple[str, ...], tuple[Processor, ...], dict[str, Any]]


class _Direct:
    """A statement over ``columns`` of ``table``, compiled for SQLite on first use."""

    def __init__(self, table: Table, columns: Sequence[str], core: Any) -> None:
        self.table = table
        self.columns = tuple(columns)
        self.core = core
        self._sqlite: _Compiled | None = None

    def _compiled(self, dialect: Dialect) -> _Compiled:
        if self._sqlite is None:
            compiled = self.core.compile(dialect=dialect)
            names = tuple(compiled.positiontup or ())
            defaults = {name: self._default(name) for name in names if name not in self._given()}
            processors = tuple(
                self._type(name).dialect_impl(dialect).bind_processor(dialect) for name in names
            )
            self._sqlite = (str(compiled), names, processors, defaults)
        return self._sqlite

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

    def _params(self, dialect: Dialect, rows: Sequence[dict[str, Any]]) -> tuple[str, list[tuple[Any, ...]]]:
        sql, names, processors, defaults = self._compiled(dialect)
        if defaults:
            rows = [{**defaults, **row} for row in rows]
        params = [
            tuple(
                row[name] if process is None else process(row[name])
                for name, process in zip(names, processors, strict=True)
            )
            for row in rows
        ]
        return sql, params

    def rows(self, session: Session, rows: Sequence[dict[str, Any]]) -> None:
        """Run the statement once per row (a dict over the statement's columns; ``tid`` for an update)."""
        if not rows:
            return
        sqlite = self._sqlite_connection(session)
        if sqlite is None:
            session_connection(session).execute(self.core, list(rows))
            return
        connection, driver = sqlite
        sql, params = self._params(connection.dialect, rows)
        try:
            driver.executemany(sql, params)
        except connection.dialect.loaded_dbapi.Error as exc:
            _raise_as_sqlalchemy(sql, params, exc, connection.dialect)

    @staticmethod
    def _sqlite_connection(session: Session) -> tuple[Connection, Any] | None:
        connection = session_connection(session)
        if connection.dialect.name != "sqlite":
            return None
        return connection, connection.connection.driver_connection


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

    SQLite: ``SAVEPOINT`` / ``RELEASE`` on the driver connection (the ORM's
    nested transaction costs ten times the statements; the write path makes no
    ORM changes to undo).  Other backends: ``Session.begin_nested``.
    """
    connection = session_connection(session)
    if connection.dialect.name != "sqlite":
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


def _raise_as_sqlalchemy(sql: str, params: Any, exc: Exception, dialect: Dialect) -> NoReturn:
    raise DBAPIError.instance(sql, params, exc, dialect.loaded_dbapi.Error) from exc


class DirectInsert(_Direct):
    """``INSERT INTO table (columns) VALUES (...)`` for many rows."""

    def __init__(self, table: Table, columns: Sequence[str]) -> None:
        super().__init__(table, columns, insert(table).values({c: bindparam(c) for c in columns}))

    def ids(self, session: Session, rows: Sequence[dict[str, Any]]) -> list[int]:
        """Insert ``rows``; their new ids, in the order of ``rows``."""
        if not rows:
            return []
        sqlite = self._sqlite_connection(session)
        if sqlite is None:
            returning = self.core.returning(self.table.c.id, sort_by_parameter_order=True)
            return list(session_connection(session).execute(returning, list(rows)).scalars())
        connection, driver = sqlite
        sql, params = self._params(connection.dialect, rows)
        cursor = driver.cursor()
        ids = []
        try:
            for values in params:
                cursor.execute(sql, values)
                ids.append(int(cursor.lastrowid))
        except connection.dialect.loaded_dbapi.Error as exc:
            _raise_as_sqlalchemy(sql, params, exc, connection.dialect)
        finally:
            cursor.close()
        return ids


class DirectUpdate(_Direct):
    """``UPDATE table SET columns WHERE id = :tid`` for many rows."""

    def __init__(self, table: Table, columns: Sequence[str]) -> None:
        core = (
            update(table)
            .where(table.c.id == bindparam("tid"))
            .values({c: bindparam(c) for c in columns})
            .execution_options(synchronize_session=False)
        )
        super().__init__(table, columns, core)

    def _given(self) -> set[str]:
        return {*self.columns, "tid"}

    def _type(self, name: str) -> Any:
        return self.table.c.id.type if name == "tid" else self.table.c[name].type


class DirectSelect:
    """A Core SELECT run on the SQLite driver cursor; rows as named tuples with the selected column names.

    Bound values and results go through the column types' own processors, as
    Core's would; parameters the caller does not give take the values the
    statement was built with (literals such as a LIMIT).
    """

    def __init__(self, core: Any) -> None:
        self.core = core
        self._sqlite: tuple[str, tuple[Any, ...], tuple[Processor, ...], Any] | None = None

    def _compiled(self, dialect: Dialect) -> tuple[str, tuple[Any, ...], tuple[Processor, ...], Any]:
        if self._sqlite is None:
            compiled = self.core.compile(dialect=dialect)
            binds = tuple(
                (name, compiled.binds[name].value, _bind(compiled.binds[name].type, dialect))
                for name in compiled.positiontup or ()
            )
            columns = list(self.core.selected_columns)
            results = tuple(c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns)
            row = collections.namedtuple("Row", [c.name for c in columns])  # type: ignore[misc]
            self._sqlite = (str(compiled), binds, results, row)
        return self._sqlite

    def all(self, session: Session, params: dict[str, Any]) -> list[Any]:
        """Every row the statement yields for ``params``."""
        connection = session_connection(session)
        if connection.dialect.name != "sqlite":
            return list(connection.execute(self.core, params))
        sql, binds, results, row = self._compiled(connection.dialect)
        values = []
        for name, default, process in binds:
            value = params.get(name, default)
            values.append(value if process is None else process(value))
        driver = connection.connection.driver_connection
        assert driver is not None
        try:
            raw = driver.execute(sql, values).fetchall()
        except connection.dialect.loaded_dbapi.Error as exc:
            _raise_as_sqlalchemy(sql, values, exc, connection.dialect)
        return [
            row._make(v if p is None else p(v) for v, p in zip(record, results, strict=True))
            for record in raw
        ]


def _bind(type_: Any, dialect: Dialect) -> Processor:
    processor: Processor = type_.dialect_impl(dialect).bind_processor(dialect)
    return processor


@functools.cache
def direct_insert(table: Table, columns: tuple[str, ...]) -> DirectInsert:
    """The insert of these columns into ``table``, built and compiled once."""
    return DirectInsert(table, columns)


@functools.cache
def direct_update(table: Table, columns: tuple[str, ...]) -> DirectUpdate:
    """The by-id update of these columns of ``table``, built and compiled once."""
    return DirectUpdate(table, columns)

"""The service's clock, in one place so that the language layer never needs one."""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = ["utcnow", "as_utc"]


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A stored timestamp as aware UTC (SQLite hands back naive values that were written in UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)

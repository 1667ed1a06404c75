"""Database work of read endpoints runs in worker threads, no more at once than the pool has connections.

Starlette's default thread limiter allows 40 threads; with a pool of 8-10
connections the surplus requests open and close overflow connections (and,
on SQLite, re-run the connection pragmas) on every request, and the threads
mostly fight over the GIL.  Queueing on a limiter sized to the pool keeps
every connection warm and reused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

import anyio.to_thread
from anyio import CapacityLimiter
from fastapi import Request

__all__ = ["run_db"]

P = ParamSpec("P")
T = TypeVar("T")


def _limiter(request: Request) -> CapacityLimiter:
    state = request.app.state
    limiter: CapacityLimiter | None = getattr(state, "db_read_limiter", None)
    if limiter is None:
        size = getattr(state.engine.pool, "size", lambda: 8)()
        limiter = CapacityLimiter(max(1, int(size)))
        state.db_read_limiter = limiter
    return limiter


async def run_db(request: Request, func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run ``func`` in a worker thread, at most pool-size of them at a time."""
    if kwargs:
        raise TypeError("pass positional arguments")
    return await anyio.to_thread.run_sync(func, *args, limiter=_limiter(request))

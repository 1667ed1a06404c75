"""SQL of API keys; nothing here commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.models import ApiKey

__all__ = ["add_key", "find_by_hash", "any_active", "list_keys", "get_key"]


def add_key(session: Session, *, name: str, key_hash: str, created_at: datetime) -> ApiKey:
    key = ApiKey(name=name, key_hash=key_hash, created_at=created_at, revoked_at=None)
    session.add(key)
    session.flush()
    return key


def find_by_hash(session: Session, key_hash: str) -> ApiKey | None:
    """The active key with this hash, if any."""
    stmt = select(ApiKey).where(ApiKey.key_hash == key_hash, ApiKey.revoked_at.is_(None))
    return session.scalars(stmt).first()


def any_active(session: Session) -> bool:
    """True once at least one unrevoked key exists (writes then need one)."""
    return bool(session.scalar(select(exists().where(ApiKey.revoked_at.is_(None)))))


def list_keys(session: Session) -> Sequence[ApiKey]:
    return session.scalars(select(ApiKey).order_by(ApiKey.id)).all()


def get_key(session: Session, key_id: int) -> ApiKey | None:
    return session.get(ApiKey, key_id)

"""Creating and checking API keys.

A key is 32 random bytes (``parley_`` + URL-safe base64), shown once at
creation.  Only its SHA-256 is stored: keys are high-entropy, so a fast hash
is enough and a stolen table reveals no usable key.  Lookup goes by hash, and
the stored hash is compared with ``hmac.compare_digest`` so the comparison
itself leaks no timing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.errors import NotFound, Unauthorized
from app.keys import repository
from app.kit.clock import utcnow

__all__ = ["CreatedKey", "create_key", "revoke_key", "hash_key", "check_key", "keys_enforced"]

PREFIX = "parley_"


@dataclass(frozen=True)
class CreatedKey:
    id: int
    name: str
    secret: str


def hash_key(secret: str) -> str:
    """The stored form of a key."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_key(session: Session, *, name: str) -> CreatedKey:
    """A new key; its secret is returned here and never stored."""
    secret = PREFIX + secrets.token_urlsafe(32)
    row = repository.add_key(session, name=name[:128], key_hash=hash_key(secret), created_at=utcnow())
    return CreatedKey(row.id, row.name, secret)


def revoke_key(session: Session, *, key_id: int) -> None:
    row = repository.get_key(session, key_id)
    if row is None:
        raise NotFound(f"no API key with id {key_id}")
    if row.revoked_at is None:
        row.revoked_at = utcnow()


def keys_enforced(session: Session, *, required_by_settings: bool) -> bool:
    """Keys apply when settings demand them or once any active key exists."""
    return required_by_settings or repository.any_active(session)


def check_key(session: Session, secret: str | None) -> None:
    """Accept a valid, unrevoked key; raise Unauthorized otherwise (same message for every failure)."""
    if not secret:
        raise Unauthorized("this request needs an API key (header 'X-API-Key' or 'Authorization: Bearer …')")
    digest = hash_key(secret)
    row = repository.find_by_hash(session, digest)
    if row is None or not hmac.compare_digest(row.key_hash, digest):
        raise Unauthorized("the API key is not valid")

"""Request dependencies as ``Annotated`` aliases: the session (the one transaction owner) and settings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from app.db.session import session_scope, write_scope
from app.settings import Settings

__all__ = ["SessionDep", "WriteSessionDep", "SessionsDep", "SettingsDep"]


def _session(request: Request) -> Iterator[Session]:
    with session_scope(request.app.state.sessions) as session:
        yield session


def _write_session(request: Request) -> Iterator[Session]:
    with write_scope(request.app.state.sessions) as session:
        yield session


def _sessions(request: Request) -> sessionmaker[Session]:
    """The session factory, for a handler that must do work between transactions."""
    sessions: sessionmaker[Session] = request.app.state.sessions
    return sessions


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SessionDep = Annotated[Session, Depends(_session)]
WriteSessionDep = Annotated[Session, Depends(_write_session)]
SessionsDep = Annotated[sessionmaker[Session], Depends(_sessions)]
SettingsDep = Annotated[Settings, Depends(_settings)]

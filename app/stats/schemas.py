"""API schema of the statistics document."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["MonthCount", "CameoCount", "ActorCount", "Stats"]


class MonthCount(BaseModel):
    month: str = Field(description="YYYY-MM of the events' best date.")
    count: int


class CameoCount(BaseModel):
    root: str
    name: str
    count: int


class ActorCount(BaseModel):
    code: str
    count: int


class Stats(BaseModel):
    total: int
    by_month: list[MonthCount]
    by_cameo_root: list[CameoCount]
    by_actor: list[ActorCount]

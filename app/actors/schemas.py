"""API schemas of the actor listing."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["ActorRead", "ActorList"]


class ActorRead(BaseModel):
    code: str = Field(
        description="ISO 3166 alpha-3 for states, short codes (NATO, UN, EU…) for organisations."
    )
    name: str
    kind: str
    events: int = Field(description="Timeline events this actor takes part in (as actor or target).")


class ActorList(BaseModel):
    items: list[ActorRead]

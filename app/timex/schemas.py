"""API schemas of time-expression resolution: ``TimexRequest`` in, ``TimexResponse`` out.

The response mirrors one output line of ``parley timex --jsonl`` (built by
``app.language.temporal.timex_record``), so a client can switch between the
CLI and the endpoint without a new parser.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["TimexRequest", "TimexRead", "TimexResponse"]


class TimexRequest(BaseModel):
    """A text and the moment its deictic words ("yesterday", "last week") are said from."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str = Field(description="The text to read.", examples=["A few days earlier, the talks stalled."])
    reference: str = Field(
        description=(
            "Publication date of the text, ISO 8601 date or date-time; a date-time counts by its own "
            "calendar date, as written (its UTC offset is not applied)."
        ),
        examples=["2025-04-22"],
    )
    id: str | int | None = Field(default=None, description="Echoed back as given, as in the JSONL contract.")


class TimexRead(BaseModel):
    start: int = Field(description="Offset of the first character in `text` (Python string index).")
    end: int = Field(description="Offset just past the last character.")
    text: str
    type: str = Field(description="TIMEX3 type: DATE, TIME, DURATION or SET.")
    value: str = Field(description="TIMEX3 value, e.g. 2025-04-22, 2025-W16, P3D, PAST_REF.")
    earliest: str | None = Field(description="First day the mention may denote; null without an interval.")
    latest: str | None = Field(description="Last day the mention may denote.")
    granularity: str | None = Field(description="day, week, month, quarter, year, … of the interval.")


class TimexResponse(BaseModel):
    id: str | int | None
    reference: str = Field(description="The calendar date the text was resolved against.")
    timexes: list[TimexRead]

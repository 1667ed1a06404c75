"""POST /v1/timex: HTTP only; the engine is pure and the request stores nothing."""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter

from app.deps import SettingsDep
from app.errors import InvalidInput
from app.ingest.article import check_text_size
from app.language.temporal import timex_record
from app.timex.schemas import TimexRequest, TimexResponse

__all__ = ["router", "reference_date"]

router = APIRouter(tags=["timex"])


def reference_date(raw: str) -> date:
    """The calendar date of an ISO 8601 date or date-time, as written (no shift to UTC).

    Why not UTC: "yesterday" in a text dated 23:30 at UTC-5 means the day before
    the writer's date, which is the date the writer put on the text.
    """
    try:
        return date.fromisoformat(raw) if len(raw) == 10 else datetime.fromisoformat(raw).date()
    except ValueError:
        raise InvalidInput(
            f"'reference' must be an ISO 8601 date or date-time, got {raw[:40]!r}", field="reference"
        ) from None


@router.post("/timex", operation_id="timex-resolve", response_model=TimexResponse)
def resolve(body: TimexRequest, settings: SettingsDep) -> dict[str, object]:
    """Find and resolve the time expressions of a text against its reference date (nothing is stored)."""
    check_text_size(body.text, settings.max_text_chars)
    reference = reference_date(body.reference)
    record = timex_record("", body.text, reference)
    return {"id": body.id, "reference": reference.isoformat(), "timexes": record["timexes"]}

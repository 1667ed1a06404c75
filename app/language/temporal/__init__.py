"""The temporal engine: TIMEX3 mentions from text, resolved against a reference date or an anchor event.

Public surface (used by the event layer, the CLI and the API):

- ``find_timexes(text, reference)`` -> sorted, non-overlapping ``TemporalMention``s;
- ``shift(anchor, offset)`` -> where an anaphoric offset lands once its anchor event is known;
- ``display(interval)`` -> "18–20 Apr 2025", "Feb 2022", "c. 17 Apr 2025";
- ``timex_record(id, text, dct)`` -> one line of ``parley timex --jsonl``.

Knowledge lives in ``rules/*.toml`` (lexicons, the vagueness table, rule rows
with their examples); the Python modules are operators over those rows.
"""

from app.language.temporal.anchor import shift
from app.language.temporal.extract import find_timexes
from app.language.temporal.record import timex_record
from app.language.temporal.render import display

__all__ = ["display", "find_timexes", "shift", "timex_record"]

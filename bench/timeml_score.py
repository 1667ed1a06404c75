"""Score the temporal engine on TimeML gold (TempEval-3 Task A), with dateparser side by side.

Usage:  python bench/timeml_score.py DIR [--no-baseline] [--limit N]
        python bench/timeml_score.py DIR --disagreements [--exact-values]

Reads every ``*.tml`` under DIR, takes the text of the ``<TEXT>`` element with
its TIMEX3 gold spans, runs ``find_timexes`` with the document creation time
(``<DCT>``) as reference, and prints: strict and relaxed precision / recall /
F1 of extents, type and value accuracy over relaxed matches, value F1 (=
relaxed F1 x value accuracy, as in the issue), the same per gold TIMEX3 type,
and throughput in MB of text per CPU second (one core; the engine timed on its
second pass over the corpus, after a first pass that fills its per-token
caches, whose speed is printed too).  The same figures for dateparser's
``search_dates`` (reference time given) come from the same run, unless
``--no-baseline``.  ``--disagreements`` lists, instead of the tables, every
gold mention the engine missed, every spurious mention and every relaxed match
whose type or value differs, with the words around it (to find missing *kinds*
of expression; the same figures are measured on unseen TimeML sets).  Mentions
from rule rows marked ``timeml = false`` ("shortly after", "subsequently":
signals, not TIMEX3 in TimeML) are left out.

Values are compared after ``normalise_value``: the same ISO 8601 value
written two ways counts as equal (``2000-W7`` / ``2000-W07``, ``T17`` /
``T17:00``); ``--exact-values`` compares the strings as written.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeml_conventions import Scored, conventions_report  # noqa: E402

from app.language.temporal.dateparser_adapter import search  # noqa: E402
from app.language.temporal.extract import default_engine, find_timexes  # noqa: E402

TYPES = ("DATE", "TIME", "DURATION", "SET")

# A week number with one digit ("2000-W7"), and a clock time given to the hour
# ("T17") or with zero seconds ("T17:00:00"): ISO 8601 writes these as "W07"
# and "T17:00".  Annotators wrote both forms for the same value.
_SHORT_WEEK = re.compile(r"-W(\d)(?!\d)")
_HOUR_ONLY = re.compile(r"T(\d\d)$")
_ZERO_SECONDS = re.compile(r"(T\d\d:\d\d):00$")


def normalise_value(value: str) -> str:
    """One spelling for a TIMEX3 value that ISO 8601 can write in two ways.

    Only spellings of the *same* value are merged: a two-digit week number,
    minutes ``:00`` after an hour and no ``:00`` seconds.  Underspecified
    values (``1949-XX`` for a year, ``199X`` for a decade) are different
    values in TimeML and are left apart.
    """
    value = _SHORT_WEEK.sub(r"-W0\1", value)
    value = _HOUR_ONLY.sub(r"T\1:00", value)
    return _ZERO_SECONDS.sub(r"\1", value)


def same_value(system: str, gold: str, *, exact: bool = False) -> bool:
    """Whether two TIMEX3 values are equal (as strings when ``exact``)."""
    if exact:
        return system == gold
    return system == gold or normalise_value(system) == normalise_value(gold)


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    text: str
    dct: date
    gold: tuple[Timex, ...]


def _walk(elem: ET.Element, parts: list[str], gold: list[Timex], offset: int) -> int:
    """Append the text under ``elem`` to ``parts`` and record TIMEX3 spans; return the new offset."""
    start = offset
    if elem.text:
        parts.append(elem.text)
        offset += len(elem.text)
    for child in elem:
        offset = _walk(child, parts, gold, offset)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    if elem.tag == "TIMEX3":
        gold.append(Timex(start, offset, elem.get("type", ""), elem.get("value", "")))
    return offset


def read_document(path: Path) -> Document:
    """One TimeML file: the TEXT content (tags stripped), its DCT and gold TIMEX3 mentions."""
    root = ET.parse(path).getroot()
    dct_node = root.find("DCT/TIMEX3")
    if dct_node is None:
        raise ValueError(f"{path}: no DCT")
    dct = date.fromisoformat(dct_node.get("value", "")[:10])
    text_node = root.find("TEXT")
    if text_node is None:
        raise ValueError(f"{path}: no TEXT")
    parts: list[str] = []
    gold: list[Timex] = []
    _walk(text_node, parts, gold, 0)
    gold_in_text = tuple(sorted((g for g in gold if g.end > g.start), key=lambda g: g.start))
    return Document(path.stem, "".join(parts), dct, gold_in_text)


def read_corpus(folder: Path, limit: int | None = None) -> list[Document]:
    paths = sorted(folder.rglob("*.tml"))[:limit]
    return [read_document(p) for p in paths]


def engine_system(doc: Document) -> list[Timex]:
    """Our engine's TIMEX3 mentions (rows marked timeml = false left out; mentions a later pass
    adds, such as the bare day of "April 24 and 25", have no row and are TIMEX3s)."""
    rows = default_engine().table.by_id
    return [
        Timex(m.start, m.end, m.type, m.value)
        for m in find_timexes(doc.text, doc.dct)
        if m.rule_id not in rows or rows[m.rule_id].timeml
    ]


def dateparser_system(doc: Document) -> list[Timex]:
    """dateparser ``search_dates`` hits, located in the text left to right, as DATE day values."""
    out: list[Timex] = []
    cursor = 0
    for surface, when in search(doc.text, doc.dct):
        at = doc.text.find(surface, cursor)
        if at < 0:
            continue
        out.append(Timex(at, at + len(surface), "DATE", when.isoformat()))
        cursor = at + len(surface)
    return out


@dataclass
class Tally:
    """Counts for one system, overall and per TIMEX3 type.

    Per type, recall counts gold mentions of that type, precision counts system
    mentions of that type (``sys_relaxed``/``sys_strict`` = how many of them matched).
    """

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    sys_strict: int = 0
    sys_relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    seconds: float = 0.0
    chars: int = 0
    exact_values: bool = False
    per_type: dict[str, Tally] = field(default_factory=dict)

    def add(self, gold: Iterable[Timex], system: Iterable[Timex]) -> None:
        gold, system = list(gold), list(system)
        self.gold += len(gold)
        self.system += len(system)
        for g in gold:
            self._sub(g.type).gold += 1
        for s in system:
            self._sub(s.type).system += 1
        used: set[int] = set()
        for g in gold:
            match = None
            for i, s in enumerate(system):
                overlaps = i not in used and s.start < g.end and g.start < s.end
                if overlaps and (match is None or (s.start, s.end) == (g.start, g.end)):
                    match = i
            if match is None:
                continue
            used.add(match)
            s = system[match]
            exact = (s.start, s.end) == (g.start, g.end)
            self.sys_relaxed += 1
            self.sys_strict += exact
            self._sub(s.type).sys_relaxed += 1
            self._sub(s.type).sys_strict += exact
            for t in (self, self._sub(g.type)):
                t.relaxed += 1
                t.strict += (s.start, s.end) == (g.start, g.end)
                t.type_ok += s.type == g.type
                t.value_ok += same_value(s.value, g.value, exact=self.exact_values)

    def _sub(self, kind: str) -> Tally:
        return self.per_type.setdefault(kind, Tally(exact_values=self.exact_values))

    @staticmethod
    def _f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self) -> dict[str, float]:
        sp = self.sys_strict / self.system if self.system else 0.0
        sr = self.strict / self.gold if self.gold else 0.0
        rp = self.sys_relaxed / self.system if self.system else 0.0
        rr = self.relaxed / self.gold if self.gold else 0.0
        rf = self._f(rp, rr)
        va = self.value_ok / self.relaxed if self.relaxed else 0.0
        return {
            "strict_p": sp,
            "strict_r": sr,
            "strict_f1": self._f(sp, sr),
            "relaxed_p": rp,
            "relaxed_r": rr,
            "relaxed_f1": rf,
            "type_acc": self.type_ok / self.relaxed if self.relaxed else 0.0,
            "value_acc": va,
            "value_f1": rf * va,
            "mb_per_s": (self.chars / 1e6) / self.seconds if self.seconds else 0.0,
        }


def run(
    docs: list[Document], system: Callable[[Document], list[Timex]], *, exact_values: bool = False
) -> Tally:
    tally = Tally(exact_values=exact_values)
    for doc in docs:
        t0 = time.process_time()
        found = system(doc)
        tally.seconds += time.process_time() - t0
        tally.chars += len(doc.text.encode("utf-8"))
        tally.add(doc.gold, found)
    return tally


def _context(doc: Document, start: int, end: int) -> str:
    """The words around ``doc.text[start:end]``, the mention itself in [[double brackets]]."""
    left = doc.text[max(0, start - 60) : start].replace("\n", " ")
    right = doc.text[end : end + 40].replace("\n", " ")
    return f"{left}[[{doc.text[start:end]}]]{right}"


def _pairs(doc: Document, system: list[Timex]) -> tuple[list[tuple[Timex, Timex | None]], list[Timex]]:
    """Each gold TIMEX3 with the system mention it is scored against (an exact extent first, else
    the first overlapping one not taken yet), and the system mentions no gold one took."""
    used: set[int] = set()
    pairs: list[tuple[Timex, Timex | None]] = []
    for g in doc.gold:
        overlapping = [
            i for i, s in enumerate(system) if i not in used and s.start < g.end and g.start < s.end
        ]
        exact = [i for i in overlapping if (system[i].start, system[i].end) == (g.start, g.end)]
        if not overlapping:
            pairs.append((g, None))
            continue
        match = (exact or overlapping)[0]
        used.add(match)
        pairs.append((g, system[match]))
    return pairs, [s for i, s in enumerate(system) if i not in used]


def disagreements(docs: list[Document], *, exact_values: bool = False) -> str:
    """Every miss, false positive and type/value difference of the engine, one line each."""
    lines: list[str] = []
    for doc in docs:
        pairs, unmatched = _pairs(doc, engine_system(doc))
        for g, s in pairs:
            where = _context(doc, g.start, g.end)
            if s is None:
                lines.append(f"MISS\t{doc.name}\t{doc.dct}\t{g.type} {g.value}\t-\t{where}")
            elif s.type != g.type or not same_value(s.value, g.value, exact=exact_values):
                got = f"{s.type} {s.value} {doc.text[s.start : s.end]!r}"
                lines.append(f"VALUE\t{doc.name}\t{doc.dct}\t{g.type} {g.value}\t{got}\t{where}")
        for s in unmatched:
            where = _context(doc, s.start, s.end)
            lines.append(f"FALSE\t{doc.name}\t{doc.dct}\t-\t{s.type} {s.value}\t{where}")
    return "\n".join(lines)


#: Kinds of value disagreement, in the order ``value_shape`` tests them.
SHAPES = (
    "reference word",
    "duration against point",
    "other amount",
    "gold underspecified",
    "system underspecified",
    "coarser or finer",
    "same grain, other period",
    "other grain",
)
_DIGIT = re.compile(r"\d")


def value_shape(system: str, gold: str) -> str:
    """What kind of disagreement two different TIMEX3 values are, from their form alone.

    "1949" against "1949-XX" is the gold leaving a part open; "1998" against "1998-10" a
    coarser or finer reading of the same time; "1998-08-14" against "1998-08-07" the same
    grain but another day (a wrong anchor or direction); "P1W" against "1998-W33" a
    duration read as a point.  The split tells convention from error at a glance.
    """
    if gold.endswith("_REF") or system.endswith("_REF"):
        return SHAPES[0]
    if gold.startswith("P") != system.startswith("P"):
        return SHAPES[1]
    if gold.startswith("P"):
        return SHAPES[2]
    if "X" in gold and "X" not in system:
        return SHAPES[3]
    if "X" in system and "X" not in gold:
        return SHAPES[4]
    if gold.startswith(system) or system.startswith(gold):
        return SHAPES[5]
    if _DIGIT.sub("9", gold) == _DIGIT.sub("9", system):
        return SHAPES[6]
    return SHAPES[7]


def shapes_report(docs: list[Document], *, exact_values: bool = False) -> str:
    """Counts of the engine's wrong values by ``value_shape``, with a few examples each."""
    found: dict[str, list[str]] = {shape: [] for shape in SHAPES}
    for doc in docs:
        for g, s in _pairs(doc, engine_system(doc))[0]:
            if s is not None and not same_value(s.value, g.value, exact=exact_values):
                example = f"{doc.name}: {doc.text[s.start : s.end]!r} {s.value} (gold {g.value})"
                found[value_shape(s.value, g.value)].append(example)
    total = sum(len(v) for v in found.values())
    lines = [f"{total} wrong values by shape", "", "| shape | count | examples |", "|---|---|---|"]
    for shape, rows in found.items():
        lines.append(f"| {shape} | {len(rows)} | {'; '.join(rows[:3])} |")
    return "\n".join(lines)


def conventions(docs: list[Document], *, exact_values: bool = False) -> str:
    """``timeml_conventions.conventions_report`` over the engine's values on ``docs``."""
    scored: list[Scored] = []
    for doc in docs:
        for g, s in _pairs(doc, engine_system(doc))[0]:
            value = None if s is None else s.value
            right = value is not None and same_value(value, g.value, exact=exact_values)
            scored.append((doc.text[g.start : g.end], doc.dct, g.value, value, right))
    return conventions_report(scored)


def _row(name: str, f: dict[str, float]) -> str:
    keys = (
        "strict_p",
        "strict_r",
        "strict_f1",
        "relaxed_p",
        "relaxed_r",
        "relaxed_f1",
        "type_acc",
        "value_acc",
        "value_f1",
    )
    return f"| {name} | " + " | ".join(f"{f[k]:.3f}" for k in keys) + f" | {f['mb_per_s']:.2f} |"


def report(results: dict[str, Tally], docs: list[Document]) -> str:
    n_gold = sum(len(d.gold) for d in docs)
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    lines = [
        f"TimeML Task A: {len(docs)} documents, {n_gold} gold TIMEX3, {mb:.2f} MB of text",
        "",
        "| system | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1"
        " | type acc | value acc | value F1 | MB/s |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, tally in results.items():
        lines.append(_row(name, tally.figures()))
    for name, tally in results.items():
        lines += [
            "",
            f"Per TIMEX3 type ({name}): P by system type, R by gold type; value accuracy over matches",
            "",
        ]
        columns = ("strict_p", "strict_r", "strict_f1", "relaxed_p", "relaxed_r", "relaxed_f1", "value_acc")
        lines.append("| type | gold | system | " + " | ".join(c.replace("_", " ") for c in columns) + " |")
        lines.append("|---" * (3 + len(columns)) + "|")
        for kind in TYPES:
            t = tally.per_type.get(kind, Tally())
            f = t.figures()
            cells = " | ".join(f"{f[c]:.3f}" for c in columns)
            lines.append(f"| {kind} | {t.gold} | {t.system} | {cells} |")
    if len(results) > 1:
        ours, base = (r.figures() for r in list(results.values())[:2])
        if base["mb_per_s"]:
            lines += ["", f"Throughput ratio engine / dateparser: {ours['mb_per_s'] / base['mb_per_s']:.1f}x"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--no-baseline", action="store_true", help="skip dateparser search_dates")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--disagreements", action="store_true", help="list misses and wrong values")
    parser.add_argument("--shapes", action="store_true", help="count wrong values by kind of disagreement")
    parser.add_argument(
        "--conventions",
        action="store_true",
        help="how many wrong values the gold annotates our way elsewhere (timeml_conventions.py)",
    )
    parser.add_argument(
        "--exact-values", action="store_true", help="compare values as written (no ISO 8601 normalisation)"
    )
    args = parser.parse_args(argv)
    if not args.directory.is_dir():
        parser.error(f"{args.directory} is not a directory")
    docs = read_corpus(args.directory, args.limit)
    if not docs:
        parser.error(f"no .tml files under {args.directory}")
    if args.disagreements:
        print(disagreements(docs, exact_values=args.exact_values))
        return 0
    if args.shapes:
        print(shapes_report(docs, exact_values=args.exact_values))
        return 0
    if args.conventions:
        print(conventions(docs, exact_values=args.exact_values))
        return 0
    default_engine()  # load tables outside the timed region
    exact = args.exact_values
    cold = run(docs, engine_system, exact_values=exact)  # first pass also fills the per-token caches
    results = {"parley": run(docs, engine_system, exact_values=exact)}
    if not args.no_baseline:
        run(docs[:3], dateparser_system)  # its imports and language data
        results["dateparser search_dates"] = run(docs, dateparser_system, exact_values=exact)
    print(report(results, docs))
    print(
        f"\nparley first (cold-cache) pass: {cold.figures()['mb_per_s']:.2f} MB/s; "
        "MB/s = MB of UTF-8 text per CPU second (time.process_time), one core."
    )
    if not exact:
        as_written = Tally(exact_values=True)
        for doc in docs:
            as_written.add(doc.gold, engine_system(doc))
        f = as_written.figures()
        print(
            f"parley with values compared as written (--exact-values): value accuracy "
            f"{f['value_acc']:.3f}, value F1 {f['value_f1']:.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

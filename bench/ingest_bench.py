"""Articles per second through `parley ingest FILE.jsonl`, on SQLite and PostgreSQL, split by stage.

Usage::

    python bench/ingest_bench.py                      # 10,000 articles, SQLite and PostgreSQL
    python bench/ingest_bench.py --n 2000 --backend sqlite
    python bench/ingest_bench.py --pg-admin postgresql+psycopg://postgres@127.0.0.1:5432/test
    python bench/ingest_bench.py --n 2000 --write-corpus corpus.jsonl   # the articles only

It generates a JSONL file of distinct news-like articles (seeded, reproducible;
diplomatic sentences with deictic and anaphoric dates among filler), then runs
the real `parley ingest` command in this process against a fresh database per
backend (a temporary SQLite file; a PostgreSQL database of its own,
``parley_bench_ingest``, dropped afterwards).  Timers wrapped around the
pipeline's stages split the wall time:

- read     reading and validating the JSONL file
- migrate  `alembic upgrade head` (the command runs it first; a no-op on the second pass)
- lang     the language layer (`app.language.extract`; it runs before the write transaction)
- cluster  cross-article clustering (`assign_clusters` + `settle_clusters`, incl. their SQL)
- db       the rest of the write transactions (inserts, savepoints, commit) and the
           duplicate check read before them
- other    the command's remaining overhead (run records, summary)

"per core" divides by the CPU seconds the process used (user + system), so a
machine with idle cores is not flattered and a busy one not penalised; the
second line of each pass splits those CPU seconds by stage (ms per article),
which stays meaningful when other work shares the machine.
A second pass over the same file measures the duplicate path (nothing new).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

DEFAULT_PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BENCH_DB = "parley_bench_ingest"

PARTIES = [
    ("Russia", "Moscow"),
    ("Ukraine", "Kyiv"),
    ("the United States", "Washington"),
    ("Turkey", "Ankara"),
    ("Qatar", "Doha"),
    ("China", "Beijing"),
    ("France", "Paris"),
    ("Egypt", "Cairo"),
    ("Israel", "Jerusalem"),
    ("Saudi Arabia", "Riyadh"),
    ("the European Union", "Brussels"),
    ("the United Nations", "New York"),
]
EVENTS = [
    "{a} proposed bilateral negotiations with {b} on {weekday}.",
    "A few days earlier, {c} had threatened to withdraw from the peace efforts.",
    "At the end of last week, officials in {city} announced a ceasefire along the front line.",
    "Shortly after, the foreign minister of {b} predicted that an agreement would be reached this week.",
    "{a} and {b} signed a prisoner exchange agreement in {month} {year}.",
    "Subsequently, a spokesman for {a} clarified the remarks.",
    "Delegations from {a} and {b} met in {city} on {weekday} for a new round of talks.",
    "{c} rejected the proposal two days later, calling it unacceptable.",
    "Yesterday {a} accused {b} of violating the truce.",
    "{a} said it would host talks between the parties next month.",
]
FILLER = [
    "Analysts said the economy grew by {n} percent in the third quarter.",
    "The report, number {i} in the series, was compiled from local sources.",
    "Markets in {city} closed slightly higher on the news.",
    "Weather in the region remained cold, with snow expected in the mountains.",
    "The ministry published a statement of {n} pages on its website.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def generate(path: Path, n: int, seed: int = 7) -> int:
    """Write ``n`` distinct articles as JSONL; return the bytes written."""
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    with path.open("wb") as out:
        for i in range(n):
            a, b, c = rng.sample(PARTIES, 3)
            slots = {
                "a": a[0],
                "b": b[0],
                "c": c[0],
                "city": rng.choice((a, b))[1],
                "weekday": rng.choice(WEEKDAYS),
                "month": rng.choice(MONTHS),
                "year": rng.randint(2019, 2022),
                "n": rng.randint(1, 90),
                "i": i,
            }
            lines = [s.format(**slots) for s in rng.sample(EVENTS, rng.randint(3, 6))]
            lines += [s.format(**slots) for s in rng.sample(FILLER, 2)]
            rng.shuffle(lines)
            lines.insert(0, FILLER[1].format(**slots))  # makes every text distinct
            article = {
                "text": " ".join(line[0].upper() + line[1:] for line in lines),
                "published": (start + timedelta(days=rng.randint(0, 900))).isoformat(),
                "title": f"Talks update {i}",
                "url": f"https://bench.example/news/{i}",
                "outlet": "Bench Daily",
            }
            out.write(orjson.dumps(article) + b"\n")
    return path.stat().st_size


@dataclass
class Stages:
    """Seconds spent per stage, filled in by the timers."""

    seconds: dict[str, float] = field(
        default_factory=lambda: {
            "read": 0.0,
            "migrate": 0.0,
            "lang": 0.0,
            "cluster": 0.0,
            "txn": 0.0,
            "check": 0.0,
            "lang_in_txn": 0.0,
            "cluster_in_txn": 0.0,
        }
    )
    #: the same split in CPU seconds of this process (robust on a machine shared with other work)
    cpu: dict[str, float] = field(default_factory=dict)
    in_txn: bool = False

    def _add(self, name: str, wall: float, cpu: float) -> None:
        names = [name, f"{name}_in_txn"] if self.in_txn and f"{name}_in_txn" in self.seconds else [name]
        for key in names:
            self.seconds[key] += wall
            self.cpu[key] = self.cpu.get(key, 0.0) + cpu

    def timed(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self._add(name, time.perf_counter() - started, time.process_time() - cpu)

        return wrapper

    def timed_scope(self, name: str, scope: Callable[..., Any]) -> Callable[..., Any]:
        @contextmanager
        def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
            started, cpu = time.perf_counter(), time.process_time()
            self.in_txn = name == "txn"
            try:
                with scope(*args, **kwargs) as session:
                    yield session
            finally:
                self.in_txn = False
                self._add(name, time.perf_counter() - started, time.process_time() - cpu)

        return wrapper


@contextmanager
def instrumented(stages: Stages) -> Iterator[None]:
    """Wrap the stages the real command goes through (and unwrap them afterwards)."""
    import app.cli.ingest as cli_ingest
    import app.db.migrate as migrate
    import app.ingest.pipeline as pipeline
    import app.ingest.runner as runner

    patches = [  # (module, attribute, stage) — the names each module calls, so the real code paths run
        (cli_ingest, "read_articles", "read"),
        (migrate, "upgrade", "migrate"),
        (pipeline, "extract", "lang"),
        (pipeline, "assign_clusters", "cluster"),
        (pipeline, "settle_clusters", "cluster"),
        (runner, "write_scope", "txn"),  # one per batch of articles (+2 run records)
        (runner, "session_scope", "check"),  # the duplicate check read before each batch
    ]
    saved = [getattr(module, name) for module, name, _ in patches]
    for (module, name, stage), original in zip(patches, saved, strict=True):
        wrap = stages.timed_scope if name.endswith("_scope") else stages.timed
        setattr(module, name, wrap(stage, original))
    try:
        yield
    finally:
        for (module, name, _), original in zip(patches, saved, strict=True):
            setattr(module, name, original)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_cli(database_url: str, path: Path) -> tuple[float, float, Stages, str]:
    """`parley ingest PATH` against ``database_url``: (wall s, cpu s, stages, summary line)."""
    from typer.testing import CliRunner

    from app.cli.main import cli
    from app.settings import get_settings

    os.environ["PARLEY_DATABASE_URL"] = database_url
    get_settings.cache_clear()
    stages = Stages()
    with instrumented(stages):
        wall, cpu = time.perf_counter(), _cpu()
        result = CliRunner().invoke(cli, ["ingest", str(path)])
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    if result.exit_code != 0:
        raise SystemExit(f"parley ingest failed ({result.exit_code}): {result.output[-2000:]}")
    return wall, cpu, stages, result.stdout.strip().splitlines()[-1]


def _split(got: dict[str, float], total: float) -> dict[str, float]:
    parts = {
        "read": got.get("read", 0.0),
        "migrate": got.get("migrate", 0.0),
        "lang": got.get("lang", 0.0),
        "cluster": got.get("cluster", 0.0),
        "db": got.get("txn", 0.0)
        - got.get("lang_in_txn", 0.0)
        - got.get("cluster_in_txn", 0.0)
        + got.get("check", 0.0),
    }
    parts["other"] = max(0.0, total - sum(parts.values()))
    return parts


def report(backend: str, n: int, wall: float, cpu: float, stages: Stages, line: str) -> dict[str, Any]:
    parts = _split(stages.seconds, wall)
    cpu_parts = _split(stages.cpu, cpu)
    cpu_ms = {k: round(1000 * v / n, 2) for k, v in cpu_parts.items()}
    without_lang_cpu = cpu - cpu_parts["lang"] - cpu_parts["migrate"]
    pct = {k: round(100 * v / wall, 1) for k, v in parts.items()}
    without_lang = wall - parts["lang"] - parts["migrate"]
    ingest_only = parts["read"] + parts["db"] + parts["other"]
    row = {
        "backend": backend,
        "articles": n,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "articles_per_s": round(n / wall, 1),
        "articles_per_cpu_s": round(n / cpu, 1),
        "stage_s": {k: round(v, 2) for k, v in parts.items()},
        "stage_pct": pct,
        "cpu_ms_per_article": cpu_ms,
        "without_language_articles_per_cpu_s": round(n / without_lang_cpu, 1)
        if without_lang_cpu > 0
        else None,
        "without_language_articles_per_s": round(n / without_lang, 1) if without_lang > 0 else None,
        "ingest_only_articles_per_s": round(n / ingest_only, 1) if ingest_only > 0 else None,
        "summary": line,
    }
    split = ", ".join(f"{k} {v:.1f}s ({pct[k]}%)" for k, v in parts.items())
    print(
        f"{backend:<10} {n} articles in {wall:.1f}s = {n / wall:.0f}/s ({n / cpu:.0f} per CPU-second); "
        f"{split}; without language: {row['without_language_articles_per_s']}/s, "
        f"without language and clustering: {row['ingest_only_articles_per_s']}/s  [{line}]",
        flush=True,
    )
    print(
        f"{'':<10} CPU ms per article: "
        + ", ".join(f"{k} {v}" for k, v in cpu_ms.items() if k != "migrate")
        + f"; without language: {row['without_language_articles_per_cpu_s']} per CPU-second",
        flush=True,
    )
    return row


@contextmanager
def postgres_database(admin: str) -> Iterator[str]:
    engine = create_engine(admin, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{BENCH_DB}"'))
    try:
        yield make_url(admin).set(database=BENCH_DB).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)'))
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles to generate and ingest")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--pg-admin", default=os.environ.get("PARLEY_BENCH_PG_ADMIN", DEFAULT_PG_ADMIN))
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    parser.add_argument(
        "--write-corpus",
        type=Path,
        metavar="PATH",
        help="only write the generated articles to PATH (JSONL) and stop: for bench/compare_stores.py",
    )
    args = parser.parse_args()
    if args.write_corpus:
        size = generate(args.write_corpus, args.n)
        print(f"wrote {args.n} articles ({size / 1e6:.1f} MB) to {args.write_corpus}")
        return

    results = []
    with tempfile.TemporaryDirectory(prefix="parley-ingest-bench-") as tmp:
        data = Path(tmp) / "articles.jsonl"
        size = generate(data, args.n)
        print(f"generated {args.n} articles ({size / 1e6:.1f} MB) in {data}", flush=True)
        from app.language import extract

        extract("Talks were held on Monday.", date(2025, 4, 22))  # load the language tables before timing
        if args.backend in ("sqlite", "both"):
            url = f"sqlite:///{Path(tmp) / 'bench.db'}"
            results.append(report("sqlite", args.n, *run_cli(url, data)))
            results.append(report("sqlite-dup", args.n, *run_cli(url, data)))
        if args.backend in ("postgres", "both"):
            with postgres_database(args.pg_admin) as url:
                results.append(report("postgres", args.n, *run_cli(url, data)))
                results.append(report("pg-dup", args.n, *run_cli(url, data)))
    print(f"cores: {os.cpu_count()}; python {sys.version.split()[0]}")
    if args.json:
        args.json.write_text(orjson.dumps(results, option=orjson.OPT_INDENT_2).decode())


if __name__ == "__main__":
    main()

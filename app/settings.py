"""One settings class: every knob of the service, read from ``PARLEY_*`` variables and ``.env``.

The README's settings table is checked against this class by a test, so a
new field without documentation fails the build.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Service configuration; defaults give a zero-set-up SQLite service seeded with the demo article."""

    model_config = SettingsConfigDict(env_prefix="PARLEY_", env_file=".env", extra="ignore")

    data_dir: Path = Field(
        default=PROJECT_ROOT / "data", description="Directory for the default SQLite file."
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default: SQLite file data_dir/parley.db; PostgreSQL: postgresql+psycopg://…",
    )
    seed_dir: Path = Field(default=PROJECT_ROOT / "seeds", description="Articles loaded by `parley seed`.")
    migrate_on_start: bool = Field(
        default=True, description="Migrate the database to head when the server starts."
    )
    seed_on_start: bool = Field(
        default=True, description="Load seed_dir into an empty database when the server starts."
    )
    host: str = Field(default="127.0.0.1", description="Address `parley serve` binds.")
    port: int = Field(default=8000, description="Port `parley serve` binds.")
    max_text_chars: int = Field(default=200_000, description="Largest article text accepted, in characters.")
    page_limit_default: int = Field(default=50, description="Items per page when `limit` is not given.")
    page_limit_max: int = Field(default=500, description="Largest `limit` accepted.")
    cors_origins: list[str] = Field(default_factory=lambda: ["*"], description="Origins allowed by CORS.")
    log_level: str = Field(default="info", description="Log level of the service.")
    http_max_age: int = Field(
        default=10, description="Cache-Control max-age (seconds) of timeline pages, events, actors and stats."
    )
    response_cache_entries: int = Field(
        default=4096, description="Rendered read responses kept in memory per process; 0 turns the cache off."
    )
    response_cache_revalidate_seconds: float = Field(
        default=1.0,
        description="How often the response cache checks the database for writes made by other processes.",
    )
    export_batch_size: int = Field(default=1000, description="Rows per round trip of csv/ndjson exports.")
    api_keys_required: bool = Field(
        default=False,
        description="Require an API key on writes even before any key exists (keys apply once created).",
    )
    read_requires_key: bool = Field(
        default=False, description="Require an API key on reads too (turns the shared response cache off)."
    )
    fetch_timeout_seconds: float = Field(
        default=10.0, description="Longest wait for one HTTP fetch (connect, each read and the whole body)."
    )
    fetch_max_bytes: int = Field(
        default=5_000_000, description="Largest feed or page body fetched, in bytes; bigger ones are refused."
    )
    fetch_max_redirects: int = Field(default=5, description="Redirects followed per fetch before giving up.")
    fetch_allow_private: bool = Field(
        default=False,
        description="Allow fetching URLs resolving to loopback, private or link-local hosts (SSRF guard).",
    )
    fetch_host_concurrency: int = Field(default=2, description="Simultaneous fetches per host (politeness).")
    fetch_host_delay_seconds: float = Field(
        default=1.0, description="Least time between two requests to the same host, in seconds."
    )
    fetch_workers: int = Field(default=8, description="Fetches in flight during `parley ingest --due`.")
    user_agent: str = Field(
        default="Parley/0.1 (peace-negotiation timelines; +https://parley.dev/bot)",
        description="User-Agent header sent with every fetch.",
    )
    source_interval_minutes: int = Field(
        default=15, description="How often a source is polled unless `sources add --every` says otherwise."
    )
    claim_lease_seconds: int = Field(
        default=600,
        description="How long a run's claim on a source or item holds before another run may take it.",
    )
    claim_batch: int = Field(default=16, description="Feed items a run claims at a time.")
    item_max_attempts: int = Field(
        default=3, description="Fetch attempts of one feed item before it stays failed."
    )

    def resolved_database_url(self) -> str:
        """The database URL in force: the explicit one, or a SQLite file under ``data_dir``."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'parley.db').resolve()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings read once per process (tests build their own ``Settings`` instead)."""
    return Settings()

"""Cron ingestion: fetching, feeds, pages, claims, overlapping and killed runs."""

"""Database plumbing: metadata, engines per backend, and the one owner of transactions."""

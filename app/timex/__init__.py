"""POST /v1/timex: the temporal engine over HTTP, same records as ``parley timex --jsonl``."""

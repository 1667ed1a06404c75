"""API keys for writes: created by ``parley keys create``, stored only as hashes, checked in constant time."""

"""Small named helpers that know nothing of the domain (clock, cursors, hashing)."""

"""Actors as the API lists them: code, name, kind and how many timeline events involve each."""

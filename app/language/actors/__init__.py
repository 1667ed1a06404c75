"""Actors: the gazetteer (data/actors.toml) and in-article back-references."""

from app.language.actors.gazetteer import Gazetteer, default_gazetteer, find_actors, load_gazetteer
from app.language.actors.references import resolve_references

__all__ = ["Gazetteer", "default_gazetteer", "find_actors", "load_gazetteer", "resolve_references"]

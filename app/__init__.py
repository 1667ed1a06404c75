"""Parley: peace-negotiation event timelines from news."""

__version__ = "0.1.0"

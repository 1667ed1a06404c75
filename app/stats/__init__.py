"""Counts over the (filtered) timeline: per month, per CAMEO root, per actor."""

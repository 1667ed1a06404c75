"""The language layer: pure functions from (text, reference date) to frozen results.

Nothing in this package touches a database, the web framework, the environment
or the clock; the reference time is always an argument.
"""

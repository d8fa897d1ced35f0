"""vnus: Vietnam–United States relations as typed, queryable, source-traceable data."""

__version__ = "0.1.0"

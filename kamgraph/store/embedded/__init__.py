"""The embedded backend: SQLite from the standard library."""

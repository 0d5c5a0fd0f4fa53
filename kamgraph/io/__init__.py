"""Bulk data in and out: the import/export file formats, import and export.

The formats (both read by ``kamgraph import`` and written by ``kamgraph export``):

- CSV: one file per node kind (``companies.csv``, ``people.csv``,
  ``interests.csv``, ``products.csv``, ``opportunities.csv``) whose columns are
  the fields of the GraphQL input type (``id`` first), and ``relationships.csv``
  with ``kind,from,to`` and the property columns of ``RelationshipInput``.
  An empty cell is "not given"; ``tags`` is ``;``-separated; booleans are
  ``true``/``false``; numbers are text, typed by the property's spec.
- NDJSON: one JSON object a line, a node ``{"kind": "PERSON", "id": ..., ...}``
  or a relationship ``{"kind": "KNOWS", "from": ..., "to": ..., ...}``.
"""

from __future__ import annotations

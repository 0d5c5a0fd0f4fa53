"""Reading interactions from a CSV file (a CRM's call log, a hand-kept list): one row each.

Columns (a header row first; any order; others are an error):

- ``externalId`` (required): the interaction's key in the system it comes from;
- ``type`` (required): MEETING, CALL, EMAIL, EVENT or NOTE;
- ``name`` (required): the subject or summary;
- ``at`` (required): a date-time with its offset (``2026-03-02T10:00:00+01:00``,
  ``…Z``), kept in UTC; a date alone (``2026-03-02``) is all-day, on that day;
- ``durationMinutes``: a whole number of minutes;
- ``organizer``: one address (role ORGANIZER; SENDER for an EMAIL);
- ``participants``: the other addresses, comma-separated as in a mail header
  (``Bo Chen <bo@globex.example>, dana@globex.example``); role ATTENDEE
  (RECIPIENT for an EMAIL).

A row that cannot be read raises :class:`~kamgraph.io.malformed.MalformedFileError`
naming ``file:line: column: reason``.

>>> import io
>>> rows = io.StringIO("externalId,type,name,at,organizer,participants\\n"
...     "c-1,CALL,Pricing,2026-03-02T10:00:00+01:00,Ann <ANN@n.example>,Dana Ruiz <dana@g.example>\\n")
>>> [call] = read_interactions_csv(rows, "calls.csv")
>>> call.at.isoformat()
'2026-03-02T09:00:00+00:00'
>>> [(p.email, p.name, p.role.value) for p in call.participants]
[('ann@n.example', 'Ann', 'ORGANIZER'), ('dana@g.example', 'Dana Ruiz', 'ATTENDEE')]
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from email.utils import getaddresses
from pathlib import Path
from typing import TextIO

from kamgraph.domain.interactions import Address, InteractionRecord, InteractionType, ParticipantRole
from kamgraph.io.malformed import MalformedFileError

SOURCE = "csv"
COLUMNS = ("externalId", "type", "name", "at", "durationMinutes", "organizer", "participants")
REQUIRED = ("externalId", "type", "name", "at")
_TYPES = {t.value: t for t in InteractionType}


def _at(text: str) -> tuple[dt.datetime, bool]:
    if len(text) == 10:
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(0), dt.UTC), True
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError("must have an offset (Z or +01:00, say)")
    return value.astimezone(dt.UTC), False


def _addresses(text: str, role: ParticipantRole, column: str) -> list[Address]:
    out = []
    for name, email in getaddresses([text]):
        email = email.strip().lower()
        if not email and not name:
            continue
        if "@" not in email:
            raise ValueError(f"not an email address: {(name or email)!r}")
        out.append(Address(email, name.strip() or None, role))
    return out


def _record(row: dict[str, str], label: str, line: int) -> InteractionRecord:
    def cell(column: str) -> str:
        return (row.get(column) or "").strip()

    for column in REQUIRED:
        if not cell(column):
            raise MalformedFileError(label, f"{column}: required", line=line)
    kind = _TYPES.get(cell("type").upper())
    if kind is None:
        raise MalformedFileError(
            label, f"type: must be one of {', '.join(_TYPES)}, got {cell('type')!r}", line=line
        )
    email = kind is InteractionType.EMAIL
    column = "at"
    try:
        at, all_day = _at(cell("at"))
        column = "durationMinutes"
        minutes = int(cell("durationMinutes")) if cell("durationMinutes") else None
        if minutes is not None and minutes < 0:
            raise ValueError("must be at least 0")
        column = "organizer"
        lead = _addresses(
            cell("organizer"), ParticipantRole.SENDER if email else ParticipantRole.ORGANIZER, column
        )
        if len(lead) > 1:
            raise ValueError("one address only")
        column = "participants"
        rest = _addresses(
            cell("participants"), ParticipantRole.RECIPIENT if email else ParticipantRole.ATTENDEE, column
        )
    except ValueError as e:
        raise MalformedFileError(label, f"{column}: {e}", line=line) from e
    found: dict[str, Address] = {}
    for address in (*lead, *rest):
        found.setdefault(address.email, address)
    return InteractionRecord(
        external_id=cell("externalId"),
        type=kind,
        name=cell("name"),
        at=at,
        source=SOURCE,
        participants=tuple(found.values()),
        duration_minutes=minutes,
        all_day=all_day,
    )


def read_interactions_csv(file: TextIO, label: str = "interactions.csv") -> Iterator[InteractionRecord]:
    """The interactions of an open CSV file, one a row, streaming."""
    reader = csv.DictReader(file)
    header = reader.fieldnames or []
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise MalformedFileError(
            label, f"{unknown[0]}: unknown column (columns: {', '.join(COLUMNS)})", line=1
        )
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise MalformedFileError(label, f"{missing[0]}: required column missing", line=1)
    line = reader.line_num + 1
    for row in reader:
        yield _record(row, label, line)
        line = reader.line_num + 1


def read_interactions_csv_path(path: str | Path) -> Iterator[InteractionRecord]:
    """The interactions of the CSV file at ``path``."""
    p = Path(path)
    with p.open(newline="", encoding="utf-8-sig") as f:
        yield from read_interactions_csv(f, str(p))


__all__ = ["COLUMNS", "SOURCE", "read_interactions_csv", "read_interactions_csv_path"]

"""Reading a calendar (iCalendar, ``.ics``) as interaction records (docs/interactions.md).

The file is parsed by :mod:`icalendar`, its recurring events expanded by
:mod:`recurring_ical_events` (which also reads Google Calendar's
``X-WR-TIMEZONE``), and each event that took place up to the import day becomes
one :class:`~kamgraph.domain.interactions.InteractionRecord`:

- a timed event is a MEETING at its start in UTC (times with a TZID are read in
  that zone, by its VTIMEZONE block when the file has one; floating times in the
  calendar's X-WR-TIMEZONE, else in ``floating``, UTC by default), lasting
  DTEND − DTSTART (or DURATION);
- an all-day event is an EVENT whose day is its own date (``at`` is midnight UTC);
- a cancelled event (STATUS:CANCELLED), a cancelled occurrence and an EXDATE are
  left out; a moved occurrence (RECURRENCE-ID) is taken where it was moved to;
- a recurring event gives one record per occurrence on or before the import day,
  whose externalId is the UID and the recurrence date (``UID/20260105T090000Z``,
  the date it was planned for, so a moved occurrence keeps its id); any other
  event's externalId is its UID;
- participants: the ORGANIZER (role ORGANIZER) and each ATTENDEE (role ATTENDEE)
  with a ``mailto:`` address, each address once (an organizer who is also an
  attendee is one participant), lower-cased, with its CN as the display name.
  Rooms and resources (CUTYPE=ROOM or RESOURCE) and attendees who declined are
  not participants.

A file that cannot be parsed raises :class:`~kamgraph.io.malformed.MalformedFileError`
naming ``file:line: reason``.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events

from kamgraph.domain.interactions import Address, InteractionRecord, InteractionType, ParticipantRole
from kamgraph.io.malformed import MalformedFileError

SOURCE = "ics"
_UTC = dt.UTC
#: Properties whose breakage makes an event unreadable (others, like a bad DESCRIPTION, do not matter).
_NEEDED = ("UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "STATUS")
_QUOTED = re.compile(r"'(.*)'")


@dataclass(slots=True)
class _Event:
    """Where one VEVENT is in the file: its BEGIN line and each content line's name and line."""

    line: int
    props: list[tuple[str, int]] = field(default_factory=list)

    def line_of(self, name: str) -> int:
        return next((n for prop, n in self.props if prop == name), self.line)


@dataclass(slots=True)
class _Layout:
    lines: list[tuple[int, str]]  # unfolded content lines, with the line each starts on
    events: list[_Event]


def _layout(text: str, label: str) -> _Layout:
    """The content lines (unfolded), and where each VEVENT and its properties are; checks BEGIN/END."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if raw[:1] in (" ", "\t") and lines:
            start, content = lines[-1]
            lines[-1] = (start, content + raw[1:])
        elif raw.strip():
            lines.append((number, raw))
    stack: list[tuple[str, int]] = []
    events: list[_Event] = []
    for number, content in lines:
        name = re.split(r"[;:]", content, maxsplit=1)[0].upper()
        value = content.partition(":")[2].strip().upper()
        if name == "BEGIN":
            stack.append((value, number))
            if value == "VEVENT":
                events.append(_Event(number))
        elif name == "END":
            if not stack:
                raise MalformedFileError(label, f"END:{value} without a BEGIN", line=number)
            if stack[-1][0] != value:
                opened, at = stack[-1]
                reason = f"END:{value} closes BEGIN:{opened} of line {at}"
                raise MalformedFileError(label, reason, line=number)
            stack.pop()
        elif stack and stack[-1][0] == "VEVENT":
            events[-1].props.append((name, number))
    if stack:
        opened, at = stack[-1]
        raise MalformedFileError(label, f"BEGIN:{opened} is never closed", line=at)
    return _Layout(lines, events)


def _parse(data: bytes, label: str, layout: _Layout) -> list[icalendar.Calendar]:
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except ValueError as e:
        reason = str(e)
        quoted = _QUOTED.search(reason)
        if quoted:
            bad = quoted.group(1)
            number = next((n for n, content in layout.lines if content == bad), None)
            if number is not None:
                raise MalformedFileError(label, f"cannot parse {bad!r}", line=number) from e
        raise MalformedFileError(label, reason) from e
    if not calendars:
        raise MalformedFileError(label, "no VCALENDAR in the file")
    return list(calendars)


def _check_events(calendar: icalendar.Calendar, label: str, events: Sequence[_Event]) -> set[str]:
    """Every event has a UID and a readable start (an error names its line and UID);
    returns the UIDs of recurring events."""
    recurring: set[str] = set()
    vevents = calendar.walk("VEVENT")
    for k, event in enumerate(vevents):
        where = events[k] if len(events) == len(vevents) else None
        uid = str(event.get("UID", "")).strip()
        for name, reason in event.errors:
            if name is not None and name.upper() in _NEEDED:
                line = where.line_of(name.upper()) if where else None
                what = f"event {uid}: " if uid else ""
                raise MalformedFileError(label, f"{what}{name}: {reason}", line=line)
        if not uid:
            raise MalformedFileError(label, "an event without a UID", line=where.line if where else None)
        if "DTSTART" not in event:
            line = where.line if where else None
            raise MalformedFileError(label, f"event {uid}: no DTSTART", line=line)
        if any(name in event for name in ("RRULE", "RDATE", "RECURRENCE-ID")):
            recurring.add(uid)
    return recurring


def _email(value: Any) -> str | None:
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    text = text.strip().lower()
    return text if "@" in text else None


def _participants(event: icalendar.Event) -> tuple[Address, ...]:
    found: dict[str, Address] = {}
    organizer = event.get("ORGANIZER")
    if organizer is not None:
        email = _email(organizer)
        if email:
            found[email] = Address(email, _cn(organizer), ParticipantRole.ORGANIZER)
    attendees = event.get("ATTENDEE", [])
    for attendee in attendees if isinstance(attendees, list) else [attendees]:
        params = getattr(attendee, "params", {})
        if str(params.get("CUTYPE", "")).upper() in ("ROOM", "RESOURCE"):
            continue
        if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            continue
        email = _email(attendee)
        if email and email not in found:
            found[email] = Address(email, _cn(attendee), ParticipantRole.ATTENDEE)
    return tuple(found.values())


def _cn(address: Any) -> str | None:
    name = str(getattr(address, "params", {}).get("CN", "")).strip().strip('"')
    return name or None


def _utc(value: dt.datetime, floating: dt.tzinfo) -> dt.datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=floating)
    return value.astimezone(_UTC)


def _recurrence(value: dt.date | dt.datetime, floating: dt.tzinfo) -> str:
    if isinstance(value, dt.datetime):
        return _utc(value, floating).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")


def _record(
    event: icalendar.Event, recurring: set[str], floating: dt.tzinfo, label: str
) -> InteractionRecord | None:
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return None
    uid = str(event["UID"]).strip()
    try:
        start = event.start
        planned = event.RECURRENCE_ID
    except ValueError as e:  # icalendar.InvalidCalendar
        raise MalformedFileError(label, f"event {uid}: {e}") from e
    try:
        end: dt.date | None = event.end
    except icalendar.IncompleteComponent:
        end = None
    except ValueError as e:
        raise MalformedFileError(label, f"event {uid}: {e}") from e
    external_id = uid
    if uid in recurring and planned is not None:
        external_id = f"{uid}/{_recurrence(planned, floating)}"
    name = str(event.get("SUMMARY", "")).strip() or "(no title)"
    if isinstance(start, dt.datetime):
        at = _utc(start, floating)
        kind = InteractionType.MEETING
        minutes = None
        if isinstance(end, dt.datetime):
            minutes = int((_utc(end, floating) - at).total_seconds() // 60)
        all_day = False
    else:
        at = dt.datetime.combine(start, dt.time(0), _UTC)
        kind = InteractionType.EVENT
        minutes = max(1, (end - start).days) * 1440 if end is not None else 1440
        all_day = True
    return InteractionRecord(
        external_id=external_id,
        type=kind,
        name=name,
        at=at,
        source=SOURCE,
        participants=_participants(event),
        duration_minutes=minutes,
        all_day=all_day,
    )


def parse_calendar(
    data: bytes, until: dt.date, *, label: str = "calendar", floating: dt.tzinfo = _UTC
) -> list[InteractionRecord]:
    """The interactions of an iCalendar file's bytes, up to the day ``until`` (in UTC), by start.

    >>> ics = b'''BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\nBEGIN:VEVENT\\r\\nUID:q1@example.org\\r
    ... DTSTART;TZID=Europe/Berlin:20260302T100000\\r\\nDTEND;TZID=Europe/Berlin:20260302T110000\\r
    ... SUMMARY:QBR\\r\\nORGANIZER;CN=Ann Lee:mailto:Ann@Northwind.example\\r
    ... ATTENDEE;CN=Ann Lee:mailto:ann@northwind.example\\r\\nATTENDEE:mailto:bo@globex.example\\r
    ... END:VEVENT\\r\\nEND:VCALENDAR\\r\\n'''
    >>> [meeting] = parse_calendar(ics, dt.date(2026, 3, 31))
    >>> meeting.type.value, meeting.at.isoformat(), meeting.duration_minutes
    ('MEETING', '2026-03-02T09:00:00+00:00', 60)
    >>> [(p.email, p.role.value) for p in meeting.participants]
    [('ann@northwind.example', 'ORGANIZER'), ('bo@globex.example', 'ATTENDEE')]
    >>> parse_calendar(ics, dt.date(2026, 3, 1))
    []
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise MalformedFileError(label, "not UTF-8 text", line=line) from e
    layout = _layout(text, label)
    out: list[InteractionRecord] = []
    done = 0
    for calendar in _parse(data, label, layout):
        count = len(calendar.walk("VEVENT"))
        recurring = _check_events(calendar, label, layout.events[done : done + count])
        done += count
        out.extend(_expand(calendar, until, recurring, floating, label, layout))
    out.sort(key=lambda r: (r.at, r.external_id))
    return out


def _expand(
    calendar: icalendar.Calendar,
    until: dt.date,
    recurring: set[str],
    floating: dt.tzinfo,
    label: str,
    layout: _Layout,
) -> Iterator[InteractionRecord]:
    try:
        occurrences = list(
            recurring_ical_events.of(calendar).between(
                recurring_ical_events.DATE_MIN, until + dt.timedelta(days=2)
            )
        )
    except zoneinfo.ZoneInfoNotFoundError as e:  # X-WR-TIMEZONE names no zone
        line = next((n for n, c in layout.lines if c.upper().startswith("X-WR-TIMEZONE")), None)
        raise MalformedFileError(label, f"X-WR-TIMEZONE: unknown time zone: {e}", line=line) from e
    except ValueError as e:  # recurring_ical_events.InvalidCalendar and the like
        raise MalformedFileError(label, str(e)) from e
    for event in occurrences:
        record = _record(event, recurring, floating, label)
        if record is not None and record.day <= until:
            yield record


def read_calendar(path: str | Path, until: dt.date, *, floating: dt.tzinfo = _UTC) -> list[InteractionRecord]:
    """The interactions of the ``.ics`` file at ``path`` up to ``until`` (see :func:`parse_calendar`)."""
    p = Path(path)
    return parse_calendar(p.read_bytes(), until, label=str(p), floating=floating)


__all__ = ["SOURCE", "parse_calendar", "read_calendar"]

"""Interactions: the meetings, calls and mails behind a relationship (docs/domain.md,
"Interactions and warmth").

Plain values, no I/O. Two shapes of an interaction:

- :class:`InteractionRecord` is what a reader makes of a calendar, a mailbox or a
  CSV file: participants are *addresses* (email, display name, role), not yet
  matched to people;
- :class:`Interaction` is what the warmth analysis sees: participant *person ids*
  and how many addresses the interaction had in all (matched or not), which is
  what its share of attention is computed from.

>>> record = InteractionRecord(
...     external_id="040000008200E00074C5B7101A82E008", type=InteractionType.MEETING,
...     name="Pricing review", at=dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC),
...     duration_minutes=45, source="ics",
...     participants=(Address("ann@northwind.example", "Ann Lee", ParticipantRole.ORGANIZER),
...                   Address("bo@globex.example", None, ParticipantRole.ATTENDEE)))
>>> record.id, record.day
('ics-8503742376ea6208002f', datetime.date(2026, 3, 2))
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from kamgraph.domain.errors import ValidationError


class InteractionType(enum.Enum):
    MEETING = "MEETING"
    CALL = "CALL"
    EMAIL = "EMAIL"
    EVENT = "EVENT"
    NOTE = "NOTE"


class ParticipantRole(enum.Enum):
    ORGANIZER = "ORGANIZER"
    ATTENDEE = "ATTENDEE"
    SENDER = "SENDER"
    RECIPIENT = "RECIPIENT"
    CC = "CC"


class InteractionSource(enum.Enum):
    """Where an interaction came from (the ``source`` property)."""

    ICS = "ics"
    MBOX = "mbox"
    CSV = "csv"
    API = "api"


#: How much one interaction of each type says about a relationship.
INTERACTION_WEIGHTS: Mapping[InteractionType, float] = {
    InteractionType.MEETING: 1.0,
    InteractionType.CALL: 0.6,
    InteractionType.EVENT: 0.4,
    InteractionType.EMAIL: 0.2,
    InteractionType.NOTE: 0.0,
}

#: An interaction of up to this many participants gives each pair its full weight.
FULL_SHARE_PARTICIPANTS = 10

#: The default half-life of warmth, in days.
DEFAULT_HALF_LIFE_DAYS = 90


def interaction_id(source: str, external_id: str) -> str:
    """The id of an imported interaction: the same source and external id give the same id,
    so importing a calendar or mailbox again changes nothing.

    >>> interaction_id("mbox", "<CAF=x1@mail.example>")
    'mbox-66abc0f999638356d5a7'
    >>> interaction_id("mbox", "<CAF=x1@mail.example>") == interaction_id("ics", "<CAF=x1@mail.example>")
    False
    """
    if not source or not external_id:
        raise ValueError("an interaction id needs a source and an external id")
    digest = hashlib.sha256(f"{source}\x00{external_id}".encode()).hexdigest()
    return f"{source}-{digest[:20]}"


@dataclass(frozen=True, slots=True)
class Address:
    """One participant as a file names them: an email address, a display name, a role."""

    email: str
    name: str | None = None
    role: ParticipantRole | None = None


@dataclass(frozen=True, slots=True)
class InteractionRecord:
    """An interaction as read from a file, before its addresses are matched to people.

    ``at`` is timezone-aware and in UTC; an all-day event has ``all_day`` set and
    ``at`` at midnight UTC of its date. ``external_id`` is the calendar UID (with
    the recurrence date for an occurrence of a recurring event) or the mail's
    Message-ID.
    """

    external_id: str
    type: InteractionType
    name: str
    at: dt.datetime
    source: str
    participants: tuple[Address, ...] = ()
    duration_minutes: int | None = None
    all_day: bool = False

    def __post_init__(self) -> None:
        if self.at.tzinfo is None or self.at.utcoffset() != dt.timedelta(0):
            raise ValidationError.one(self.external_id, "at", "must be a date-time in UTC")

    @property
    def id(self) -> str:
        """The interaction's id, derived from its source and external id."""
        return interaction_id(self.source, self.external_id)

    @property
    def day(self) -> dt.date:
        """The day it counts on: the UTC date of ``at`` (an all-day event: its own date)."""
        return self.at.date()


@dataclass(frozen=True, slots=True)
class Interaction:
    """An interaction as the warmth analysis sees it.

    ``participants`` are the person ids of its matched participants (each once);
    ``participant_count`` is how many addresses it had in all, matched or not
    (at least ``len(participants)``).

    >>> Interaction("i1", InteractionType.CALL, dt.date(2026, 1, 5), ("ann", "bo"), 2).share
    1.0
    >>> Interaction("i2", InteractionType.MEETING, dt.date(2026, 1, 5), ("ann", "bo"), 40).share
    0.25
    >>> Interaction("i3", InteractionType.MEETING, dt.date(2026, 1, 5), ("ann", "bo", "ann"), 3)
    Traceback (most recent call last):
    ...
    kamgraph.domain.errors.ValidationError: i3: participants: names 'ann' twice
    """

    id: str
    type: InteractionType
    day: dt.date
    participants: tuple[str, ...]
    participant_count: int

    def __post_init__(self) -> None:
        if len(set(self.participants)) != len(self.participants):
            twice = next(p for p in self.participants if self.participants.count(p) > 1)
            raise ValidationError.one(self.id, "participants", f"names {twice!r} twice")
        if self.participant_count < max(1, len(self.participants)):
            raise ValidationError.one(
                self.id,
                "participantCount",
                f"must be at least the {max(1, len(self.participants))} participants named, "
                f"got {self.participant_count}",
            )

    @property
    def weight(self) -> float:
        """What one interaction of its type says about a relationship."""
        return INTERACTION_WEIGHTS[self.type]

    @property
    def share(self) -> float:
        """``min(1, 10 / participant_count)``: a meeting of 40 says less about each pair than one of 3."""
        return min(1.0, FULL_SHARE_PARTICIPANTS / self.participant_count)


__all__ = [
    "DEFAULT_HALF_LIFE_DAYS",
    "FULL_SHARE_PARTICIPANTS",
    "INTERACTION_WEIGHTS",
    "Address",
    "Interaction",
    "InteractionRecord",
    "InteractionSource",
    "InteractionType",
    "ParticipantRole",
    "interaction_id",
]

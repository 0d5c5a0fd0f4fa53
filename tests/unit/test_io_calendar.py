"""Calendars exported by Google Calendar, Outlook and Apple Calendar read as interactions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kamgraph.domain.interactions import InteractionRecord, interaction_id
from kamgraph.io.calendar import parse_calendar, read_calendar
from kamgraph.io.malformed import MalformedFileError

DATA = Path(__file__).parent.parent / "data" / "interactions"
UNTIL = dt.date(2026, 3, 31)
ANN = ("ann.lee@northwind-analytics.example", "Ann Lee", "ORGANIZER")
BO = ("bo.chen@globex.example", "Bo Chen", "ATTENDEE")
DANA = ("dana.ruiz@globex.example", "Dana Ruiz", "ATTENDEE")
CARL = ("carl.meyer@northwind-analytics.example", "Carl Meyer", "ORGANIZER")
FAY = ("fay.wong@initech.example", "Fay Wong", "ATTENDEE")
GUS = ("gus.park@northwind-analytics.example", "Gus Park", "ORGANIZER")
HAL = ("hal.ito@northwind-analytics.example", "Hal Ito", "ATTENDEE")
ONE_ON_ONE = "5qk2b7d1m0c9v8r3t6u4e2g1h0@google.com"
STEERING = (
    "040000008200E00074C5B7101A82E00800000000C0F4D3A2B1A0DC010000000000000000"
    "1000000011223344556677889900AABBCCDDEEFF"
)
STANDUP = "A1B2C3D4-E5F6-4789-9ABC-DEF012345678"


def rows(records: list[InteractionRecord]) -> list[tuple[object, ...]]:
    return [
        (
            r.external_id,
            r.type.value,
            r.name,
            r.at.isoformat(),
            r.duration_minutes,
            [(p.email, p.name, p.role.value if p.role else None) for p in r.participants],
        )
        for r in records
    ]


def test_google_calendar() -> None:
    """X-WR-TIMEZONE and a VTIMEZONE; a weekly 1:1 with an EXDATE, a moved and a cancelled
    occurrence, crossing the change to summer time; a declined guest and a room left out."""
    assert rows(read_calendar(DATA / "google.ics", UNTIL)) == [
        (
            f"{ONE_ON_ONE}/20260302T090000Z",
            "MEETING",
            "1:1 Ann / Bo",
            "2026-03-02T09:00:00+00:00",
            30,
            [ANN, BO],
        ),
        (
            "0v3kq8s5n7r2p1o4m6l9k8j7i6@google.com",
            "MEETING",
            "Globex QBR Q1",
            "2026-03-12T13:00:00+00:00",
            90,
            [ANN, BO, DANA],
        ),
        (
            f"{ONE_ON_ONE}/20260316T090000Z",
            "MEETING",
            "1:1 Ann / Bo (moved)",
            "2026-03-17T13:00:00+00:00",
            30,
            [ANN, BO],
        ),
        (
            "7h6g5f4e3d2c1b0a9z8y7x6w5v@google.com",
            "EVENT",
            "Globex Innovation Days",
            "2026-03-18T00:00:00+00:00",
            2880,
            [ANN, BO],
        ),
        # floating time, read in the calendar's X-WR-TIMEZONE (Berlin, still winter time)
        (
            "9f8e7d6c5b4a3210fedcba9876@google.com",
            "MEETING",
            "Workshop prep",
            "2026-03-25T15:00:00+00:00",
            60,
            [ANN, DANA],
        ),
        (
            f"{ONE_ON_ONE}/20260330T080000Z",
            "MEETING",
            "1:1 Ann / Bo",
            "2026-03-30T08:00:00+00:00",
            30,
            [ANN, BO],
        ),
    ]


def test_outlook() -> None:
    """Windows zone names defined by VTIMEZONE blocks, MAILTO in capitals, folded UIDs,
    a monthly series with COUNT and an EXDATE, a cancelled meeting, an all-day event."""
    assert rows(read_calendar(DATA / "outlook.ics", UNTIL)) == [
        (
            f"{STEERING}/20260106T090000Z",
            "MEETING",
            "Steering committee",
            "2026-01-06T09:00:00+00:00",
            60,
            [CARL, DANA],
        ),
        (
            f"{STEERING}/20260303T090000Z",
            "MEETING",
            "Steering committee",
            "2026-03-03T09:00:00+00:00",
            60,
            [CARL, DANA],
        ),
        (
            "040000008200E00074C5B7101A82E00800000000E1F2A3B4C5D6DC01000000000000000010000000"
            "AABBCCDDEEFF00112233445566778899",
            "EVENT",
            "Trade fair Hannover",
            "2026-03-05T00:00:00+00:00",
            1440,
            [CARL],
        ),
        (
            "040000008200E00074C5B7101A82E00800000000B05D8A1E2FA5DC01000000000000000010000000"
            "A7D1E8BE1C7B9E4FAF3C7A0B2D1E9F00",
            "MEETING",
            "Security review",
            "2026-03-10T16:00:00+00:00",  # 09:00 Pacific daylight time
            60,
            [CARL, BO, FAY],
        ),
    ]


def test_apple_calendar() -> None:
    """An organizer who is also an attendee is one participant; DURATION instead of DTEND;
    a group address is no participant; a floating time without X-WR-TIMEZONE is UTC."""
    assert rows(read_calendar(DATA / "apple.ics", UNTIL)) == [
        (
            "6B29FC40-CA47-1067-B31D-00DD010662DA",
            "MEETING",
            "Lunch with Dana",
            "2026-02-26T17:00:00+00:00",
            75,
            [GUS, DANA],
        ),
        (f"{STANDUP}/20260309T130000Z", "MEETING", "Stand-up", "2026-03-09T13:00:00+00:00", 15, [GUS, HAL]),
        (f"{STANDUP}/20260310T130000Z", "MEETING", "Stand-up", "2026-03-10T13:00:00+00:00", 15, [GUS, HAL]),
        (f"{STANDUP}/20260311T130000Z", "MEETING", "Stand-up", "2026-03-11T13:00:00+00:00", 15, [GUS, HAL]),
        (
            "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0",
            "MEETING",
            "Call with Fay",
            "2026-03-20T15:00:00+00:00",
            30,
            [GUS, FAY],
        ),
        (
            "7E6D5C4B-3A29-1807-F6E5-D4C3B2A19080",
            "EVENT",
            "Globex user conference",
            "2026-03-24T00:00:00+00:00",
            1440,
            [],
        ),
    ]


def test_the_import_day_bounds_the_occurrences_and_ids_are_stable() -> None:
    early = read_calendar(DATA / "google.ics", dt.date(2026, 3, 16))
    later = read_calendar(DATA / "google.ics", dt.date(2026, 4, 30))
    assert [r.name for r in early] == ["1:1 Ann / Bo", "Globex QBR Q1"]
    assert len([r for r in later if r.name.startswith("1:1")]) == 7  # Mar 2, 17, 30, Apr 6, 13, 20, 27
    assert "Renewal kick-off" in [r.name for r in later]
    again = read_calendar(DATA / "google.ics", dt.date(2026, 4, 30))
    assert [r.id for r in again] == [r.id for r in later]
    assert later[0].id == interaction_id("ics", f"{ONE_ON_ONE}/20260302T090000Z")
    assert len({r.id for r in later}) == len(later)


def test_floating_times_can_be_read_in_a_given_zone() -> None:
    from zoneinfo import ZoneInfo

    records = read_calendar(DATA / "apple.ics", UNTIL, floating=ZoneInfo("Asia/Tokyo"))
    assert [r.at.isoformat() for r in records if r.name == "Call with Fay"] == ["2026-03-20T06:00:00+00:00"]


EVENT = "BEGIN:VEVENT\r\nUID:u1\r\nDTSTART:20260301T100000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\n"


def ics(*lines: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + "".join(lines) + "END:VCALENDAR\r\n").encode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            ics("BEGIN:VEVENT\r\nUID:u1\r\nDTSTART:2026013T100000Z\r\nEND:VEVENT\r\n"),
            "t.ics:5: event u1: DTSTART: ",
        ),
        (ics(EVENT, "this is no content line\r\n"), "t.ics:8: cannot parse 'this is no content line'"),
        (
            ics("BEGIN:VEVENT\r\nUID:u1\r\nDTSTART:20260301T100000Z\r\n"),
            "t.ics:6: END:VCALENDAR closes BEGIN:VEVENT of line 3",
        ),
        (
            ics("BEGIN:VEVENT\r\nDTSTART:20260301T100000Z\r\nEND:VEVENT\r\n"),
            "t.ics:3: an event without a UID",
        ),
        (ics("BEGIN:VEVENT\r\nUID:u2\r\nSUMMARY:x\r\nEND:VEVENT\r\n"), "t.ics:3: event u2: no DTSTART"),
        (
            ics(
                "BEGIN:VEVENT\r\nUID:u3\r\nDTSTART:20260301T100000Z\r\nRRULE:FREQ=SOMETIMES\r\nEND:VEVENT\r\n"
            ),
            "t.ics:6: event u3: RRULE: ",
        ),
        (b"\xff\xfeBEGIN", "t.ics:1: not UTF-8 text"),
        (ics("X-WR-TIMEZONE:Mars/Olympus\r\n", EVENT), "t.ics:3: X-WR-TIMEZONE: unknown time zone"),
    ],
)
def test_a_malformed_calendar_names_file_and_line(data: bytes, message: str) -> None:
    with pytest.raises(MalformedFileError) as caught:
        parse_calendar(data, UNTIL, label="t.ics")
    assert str(caught.value).startswith(message), str(caught.value)

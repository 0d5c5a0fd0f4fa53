"""Interactions read from a CSV file (a CRM's call log)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kamgraph.io.interaction_csv import read_interactions_csv, read_interactions_csv_path
from kamgraph.io.malformed import MalformedFileError

DATA = Path(__file__).parent.parent / "data" / "interactions"
ANN = "ann.lee@northwind-analytics.example"
BO = "bo.chen@globex.example"
GUS = "gus.park@northwind-analytics.example"
FAY = "fay.wong@initech.example"


def test_interactions_from_a_csv_file() -> None:
    records = list(read_interactions_csv_path(DATA / "calls.csv"))
    got = [
        (
            r.external_id,
            r.type.value,
            r.name,
            r.at.isoformat(),
            r.duration_minutes,
            r.all_day,
            [(p.email, p.name, p.role and p.role.value) for p in r.participants],
        )
        for r in records
    ]
    carl = "carl.meyer@northwind-analytics.example"
    assert got == [
        (
            "crm-call-00017",
            "CALL",
            "Pricing call",
            "2026-03-02T09:00:00+00:00",
            30,
            False,
            [(ANN, "Ann Lee", "ORGANIZER"), (BO, "Bo Chen", "ATTENDEE")],
        ),
        (
            "crm-call-00018",
            "CALL",
            "Security follow-up",
            "2026-03-04T16:30:00+00:00",
            15,
            False,
            [
                (carl, None, "ORGANIZER"),
                ("dana.ruiz@globex.example", "Ruiz, Dana", "ATTENDEE"),
                (FAY, None, "ATTENDEE"),
            ],
        ),
        (
            "crm-note-00003",
            "NOTE",
            "Met Bo at the trade fair",
            "2026-03-05T00:00:00+00:00",
            None,
            True,
            [(ANN, None, "ORGANIZER"), (BO, None, "ATTENDEE")],
        ),
        (
            "crm-mail-00101",
            "EMAIL",
            "Contract redlines",
            "2026-03-06T13:15:00+00:00",
            None,
            False,
            [(GUS, "Gus Park", "SENDER"), (FAY, "Fay Wong", "RECIPIENT")],
        ),
    ]
    assert all(r.source == "csv" for r in records)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("externalId,type,name,at,when\n", "t.csv:1: when: unknown column"),
        ("externalId,type,name\n", "t.csv:1: at: required column missing"),
        ("externalId,type,name,at\nx,CALL,,2026-03-02T10:00:00Z\n", "t.csv:2: name: required"),
        (
            "externalId,type,name,at\nx,CALL,n,2026-03-02T10:00:00Z\ny,VISIT,n,2026-03-02\n",
            "t.csv:3: type: must be one of",
        ),
        ("externalId,type,name,at\nx,CALL,n,2026-03-02T10:00:00\n", "t.csv:2: at: must have an offset"),
        (
            "externalId,type,name,at,durationMinutes\nx,CALL,n,2026-03-02,half an hour\n",
            "t.csv:2: durationMinutes: ",
        ),
        (
            "externalId,type,name,at,participants\nx,CALL,n,2026-03-02,Bo Chen\n",
            "t.csv:2: participants: not an email",
        ),
    ],
)
def test_a_bad_csv_row_is_named_by_file_line_and_column(text: str, reason: str) -> None:
    with pytest.raises(MalformedFileError) as caught:
        list(read_interactions_csv(io.StringIO(text), "t.csv"))
    assert str(caught.value).startswith(reason), str(caught.value)

"""A mailbox read as interactions, and addresses matched to people."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from kamgraph.domain.interactions import Address, InteractionType, ParticipantRole, interaction_id
from kamgraph.io.mail import read_mbox
from kamgraph.io.malformed import MalformedFileError
from kamgraph.io.participants import domain_index, email_index, interaction_of, match, person_id, propose

DATA = Path(__file__).parent.parent / "data" / "interactions"
ANN = "ann.lee@northwind-analytics.example"
BO = "bo.chen@globex.example"
GUS = "gus.park@northwind-analytics.example"
FAY = "fay.wong@initech.example"


def test_every_message_is_one_email_with_its_sender_recipients_and_cc() -> None:
    records = list(read_mbox(DATA / "sample.mbox"))
    got = [
        (
            r.external_id,
            r.name,
            r.at.isoformat(),
            [(p.email, p.name, p.role and p.role.value) for p in r.participants],
        )
        for r in records
    ]
    assert got == [
        (
            "<CAH7xQ2k9=mZp4Lw@mail.gmail.com>",
            "Globex renewal: next steps",
            "2026-03-03T09:15:02+00:00",
            [
                (ANN, "Ann Lee", "SENDER"),
                (BO, "Bo Chen", "RECIPIENT"),
                ("dana.ruiz@globex.example", "Ruiz, Dana", "CC"),
            ],
        ),
        (
            "<AM0PR04MB6532.eurprd04.prod.outlook.com>",
            "Re: Angebot für Globex – nächste Schritte",  # UTF-8 Q encoding
            "2026-03-04T16:40:11+00:00",
            # B-encoded display name; Ann named in To and Cc is one participant; an empty group is none
            [
                ("bjoern.mueller@globex.example", "Björn Müller", "SENDER"),
                (ANN, "Ann Lee", "RECIPIENT"),
                (BO, "Bo Chen", "RECIPIENT"),
            ],
        ),
        (
            # no Message-ID: an id from its Date, sender, recipients and subject; Bcc is not read
            records[2].external_id,
            "Quick question",
            "2026-03-05T13:02:45+00:00",
            [(GUS, "Gus Park", "SENDER"), (FAY, "Fay Wong", "RECIPIENT")],
        ),
        (
            "<20260306000000.4711@mail.initech.example>",
            "Réponse rapide",  # ISO-8859-1
            "2026-03-06T00:00:00+00:00",
            [(FAY, "Fay Wong", "SENDER"), (GUS, None, "RECIPIENT")],
        ),
    ]
    assert all(r.type is InteractionType.EMAIL and r.source == "mbox" for r in records)
    assert records[0].id == interaction_id("mbox", "<CAH7xQ2k9=mZp4Lw@mail.gmail.com>")


def test_bodies_are_never_read_into_a_record() -> None:
    text = repr(list(read_mbox(DATA / "sample.mbox")))
    for body in ("confidential", "budget.pdf", "JVBERi0", "ten minutes", "Danke"):
        assert body not in text


def test_a_message_without_message_id_gets_the_same_id_in_every_copy(tmp_path: Path) -> None:
    copy = tmp_path / "copy.mbox"
    shutil.copy(DATA / "sample.mbox", copy)
    first = list(read_mbox(DATA / "sample.mbox"))[2]
    again = list(read_mbox(copy))[2]
    assert first.external_id.startswith("nomid-") and len(first.external_id) == 30
    assert first.id == again.id


MESSAGE = (
    "From x Thu Mar 05 13:02:45 2026\nDate: {date}\nFrom: {sender}\nTo: a@b.example\nSubject: s\n\nbody\n\n"
)


@pytest.mark.parametrize(
    ("date", "sender", "reason"),
    [
        ("Thu, 5 Mar 2026 08:02:45 -0500", "nobody", "m.mbox: message 2: no sender address in From"),
        ("yesterday", "c@d.example", "m.mbox: message 2: Date: not a date: 'yesterday'"),
    ],
)
def test_a_bad_message_is_named_by_its_number(tmp_path: Path, date: str, sender: str, reason: str) -> None:
    good = MESSAGE.format(date="Thu, 5 Mar 2026 08:02:45 -0500", sender="c@d.example")
    path = tmp_path / "m.mbox"
    path.write_text(good + MESSAGE.format(date=date, sender=sender))
    with pytest.raises(MalformedFileError) as caught:
        list(read_mbox(path))
    assert str(caught.value) == reason.replace("m.mbox", str(path))


def test_a_file_that_is_no_mbox_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.mbox"
    path.write_text("Date: Thu, 5 Mar 2026 08:02:45 -0500\nFrom: a@b.example\n\nhi\n")
    with pytest.raises(MalformedFileError, match=r"x.mbox:1: not an mbox file"):
        list(read_mbox(path))
    (tmp_path / "empty.mbox").write_text("")
    assert list(read_mbox(tmp_path / "empty.mbox")) == []


def test_addresses_are_matched_case_insensitively_and_the_rest_proposed() -> None:
    people = email_index([("p-ann", "Ann.Lee@Northwind-Analytics.example"), ("p-bo", BO), ("p-x", None)])
    domains = domain_index(
        [("acct-globex", "https://www.globex.example"), ("acct-initech", "initech.example/")]
    )
    record = list(read_mbox(DATA / "sample.mbox"))[1]
    found = match(record.participants, people)
    assert found.people == (("p-ann", ParticipantRole.RECIPIENT), ("p-bo", ParticipantRole.RECIPIENT))
    assert [a.email for a in found.unmatched] == ["bjoern.mueller@globex.example"]
    proposed = propose(found.unmatched[0], domains)
    assert (proposed.id, proposed.name, proposed.company_id) == (
        person_id("Bjoern.Mueller@globex.example"),
        "Björn Müller",
        "acct-globex",
    )
    nameless = propose(Address("fay.wong@mail.initech.example"), domains)
    assert (nameless.name, nameless.company_id) == ("Fay Wong", "acct-initech")
    assert propose(Address("x@elsewhere.example"), domains).company_id is None
    interaction = interaction_of(record, found)
    assert interaction.participants == ("p-ann", "p-bo")
    assert interaction.participant_count == 3  # the unmatched sender counts for the share
    assert interaction.day == dt.date(2026, 3, 4)

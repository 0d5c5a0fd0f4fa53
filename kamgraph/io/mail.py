"""Reading a mailbox (``.mbox``) as interaction records (docs/interactions.md).

Each message is one EMAIL: its subject (RFC 2047 encoded words decoded), its
Date in UTC, and as participants the sender (role SENDER, the first address of
From), every To address (RECIPIENT) and every Cc address (CC), each address
once, lower-cased, with its display name. Bcc is not read (the other
participants never saw it). Only the headers are parsed: a message's body is
never read into a record, let alone kept.

The externalId is the Message-ID. A message without one (a draft, some sent
folders) gets ``nomid-`` and a hash of its Date, sender, recipients and subject:
the same message read again, or found in two mailboxes, gets the same id.

A message that cannot be read (no Date, a Date that is no date, no sender)
raises :class:`~kamgraph.io.malformed.MalformedFileError` naming the file and the
message's number (from 1, in file order).
"""

from __future__ import annotations

import datetime as dt
import email.policy
import hashlib
import mailbox
from collections.abc import Iterator
from email.headerregistry import Address as HeaderAddress
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Any, Protocol

from kamgraph.domain.interactions import Address, InteractionRecord, InteractionType, ParticipantRole
from kamgraph.io.malformed import MalformedFileError

SOURCE = "mbox"
_PARSER = BytesHeaderParser(policy=email.policy.default)
_ROLES = (("To", ParticipantRole.RECIPIENT), ("Cc", ParticipantRole.CC))


class _Lines(Protocol):
    def readline(self, size: int | None = ...) -> bytes: ...


def _headers(fp: _Lines) -> EmailMessage:
    """The header block of one message (up to the first empty line): the body is never read."""
    lines: list[bytes] = []
    while line := fp.readline():
        if line in (b"\n", b"\r\n"):
            break
        lines.append(line)
    message = _PARSER.parsebytes(b"".join(lines))
    assert isinstance(message, EmailMessage)  # the default policy's message class
    return message


def _text(value: Any) -> str:
    """A header's decoded text, with undecodable bytes replaced and whitespace collapsed."""
    text = str(value).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return " ".join(text.split())


def _addresses(message: EmailMessage, header: str) -> list[HeaderAddress]:
    out: list[HeaderAddress] = []
    for value in message.get_all(header, []):
        out.extend(getattr(value, "addresses", ()))
    return out


def _participant(address: HeaderAddress, role: ParticipantRole) -> Address | None:
    spec = _text(address.addr_spec).lower()
    if "@" not in spec or spec.startswith("@") or spec.endswith("@"):
        return None
    name = _text(address.display_name) or None
    return Address(spec, name, role)


def _when(message: EmailMessage, label: str, number: int) -> dt.datetime:
    header = message.get("Date")
    if header is None:
        raise MalformedFileError(label, "no Date header", message=number)
    when = getattr(header, "datetime", None)
    if not isinstance(when, dt.datetime):
        raise MalformedFileError(label, f"Date: not a date: {_text(header)!r}", message=number)
    if when.tzinfo is None:  # "-0000": the zone is unknown; the time is UTC
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)


def _record(message: EmailMessage, label: str, number: int) -> InteractionRecord:
    at = _when(message, label, number)
    senders = [p for a in _addresses(message, "From") if (p := _participant(a, ParticipantRole.SENDER))]
    if not senders:
        raise MalformedFileError(label, "no sender address in From", message=number)
    found = {senders[0].email: senders[0]}
    for header, role in _ROLES:
        for address in _addresses(message, header):
            p = _participant(address, role)
            if p is not None and p.email not in found:
                found[p.email] = p
    subject = _text(message.get("Subject", ""))
    message_id = _text(message.get("Message-ID", ""))
    if not message_id:
        recipients = ",".join(sorted(e for e in found if e != senders[0].email))
        key = "\x00".join((at.isoformat(), senders[0].email, recipients, subject))
        message_id = "nomid-" + hashlib.sha256(key.encode()).hexdigest()[:24]
    return InteractionRecord(
        external_id=message_id,
        type=InteractionType.EMAIL,
        name=subject or "(no subject)",
        at=at,
        source=SOURCE,
        participants=tuple(found.values()),
    )


def read_mbox(path: str | Path) -> Iterator[InteractionRecord]:
    """The interactions of the mbox file at ``path``, one EMAIL per message, in file order.

    Messages are read one at a time (a mailbox of gigabytes streams); only their headers are parsed.
    """
    p = Path(path)
    label = str(p)
    with p.open("rb") as f:
        first = f.readline()
    if first and not first.startswith(b"From "):
        raise MalformedFileError(label, "not an mbox file: it must begin with a 'From ' line", line=1)
    box = mailbox.mbox(p, create=False)
    try:
        for number, key in enumerate(box.iterkeys(), 1):
            try:
                with box.get_file(key) as f:
                    message = _headers(f)
            except (ValueError, LookupError) as e:
                raise MalformedFileError(label, f"cannot parse the headers: {e}", message=number) from e
            yield _record(message, label, number)
    finally:
        box.close()


__all__ = ["SOURCE", "read_mbox"]

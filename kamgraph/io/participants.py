"""Matching an interaction's addresses to people, and proposing people for the rest.

Participants are matched to people by email address, case-insensitively. An
address that matches no one is reported; with ``--create-unknown`` it becomes a
person proposed here: its id derived from the address (a hash, so that the
address itself, personal data, is not in an id every viewer sees), its name the
display name (else made from the address's local part), its company the one
whose website's domain the address's domain is, or ends with.

>>> from kamgraph.domain.interactions import Address, ParticipantRole as R
>>> people = email_index([("p-ann", "Ann.Lee@Northwind.example"), ("p-bo", None)])
>>> domains = domain_index([("acct-globex", "https://www.globex.example/"), ("home", None)])
>>> found = match([Address("ann.lee@northwind.example", "Ann", R.SENDER),
...                Address("dana.ruiz@eu.globex.example", None, R.CC)], people)
>>> found.people, [a.email for a in found.unmatched]
((('p-ann', <ParticipantRole.SENDER: 'SENDER'>),), ['dana.ruiz@eu.globex.example'])
>>> proposed = propose(found.unmatched[0], domains)
>>> proposed.id, proposed.name, proposed.company_id
('p-5d8fcdf01ce55859', 'Dana Ruiz', 'acct-globex')
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from kamgraph.domain.interactions import Address, Interaction, InteractionRecord, ParticipantRole


@dataclass(frozen=True, slots=True)
class Matched:
    """An interaction's addresses split: the people matched (each once, with the role of their
    first address) and the addresses that matched no one; ``addresses`` counts them all."""

    people: tuple[tuple[str, ParticipantRole | None], ...]
    unmatched: tuple[Address, ...]
    addresses: int


@dataclass(frozen=True, slots=True)
class ProposedPerson:
    """A person to create for an unmatched address."""

    id: str
    name: str
    email: str
    company_id: str | None


def email_index(people: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """Lower-cased email -> person id, from ``(person id, email)`` pairs; when two people share an
    address, the smaller id has it (a stable choice; the import reports such addresses)."""
    out: dict[str, str] = {}
    for person_id, email in people:
        if not email:
            continue
        key = email.strip().lower()
        if key not in out or person_id < out[key]:
            out[key] = person_id
    return out


def website_domain(website: str) -> str | None:
    """The domain of a website, without ``www.``.

    >>> website_domain("https://www.Globex.example/about"), website_domain("initech.example")
    ('globex.example', 'initech.example')
    """
    text = website.strip()
    host = urlsplit(text if "://" in text else f"//{text}").hostname
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def domain_index(companies: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """Website domain -> company id, from ``(company id, website)`` pairs (smaller id on a tie)."""
    out: dict[str, str] = {}
    for company_id, website in companies:
        domain = website_domain(website) if website else None
        if domain and (domain not in out or company_id < out[domain]):
            out[domain] = company_id
    return out


def match(addresses: Sequence[Address], people_by_email: Mapping[str, str]) -> Matched:
    """Split ``addresses`` into the people they name (by :func:`email_index`) and the rest."""
    people: dict[str, ParticipantRole | None] = {}
    unmatched: list[Address] = []
    for address in addresses:
        person = people_by_email.get(address.email.strip().lower())
        if person is None:
            unmatched.append(address)
        elif person not in people:
            people[person] = address.role
    return Matched(tuple(people.items()), tuple(unmatched), len(addresses))


def company_of(email: str, domains: Mapping[str, str]) -> str | None:
    """The company whose website domain is the address's domain or a parent of it."""
    host = email.rpartition("@")[2].lower()
    parts = host.split(".")
    for k in range(len(parts) - 1):
        company = domains.get(".".join(parts[k:]))
        if company is not None:
            return company
    return None


def person_id(email: str) -> str:
    """The id of a person created from an address: ``p-`` and a hash of the lower-cased address."""
    return "p-" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:16]


def _name_from(email: str) -> str:
    local = email.partition("@")[0]
    words = [w for w in local.replace("_", ".").replace("-", ".").split(".") if w]
    return " ".join(w.capitalize() for w in words) or email


def propose(address: Address, domains: Mapping[str, str]) -> ProposedPerson:
    """The person to create for an address that matched no one."""
    email = address.email.strip().lower()
    name = (address.name or "").strip() or _name_from(email)
    return ProposedPerson(person_id(email), name, email, company_of(email, domains))


def interaction_of(record: InteractionRecord, matched: Matched) -> Interaction:
    """The interaction as the warmth analysis sees it: the people matched, every address counted."""
    ids = tuple(person for person, _ in matched.people)
    return Interaction(record.id, record.type, record.day, ids, max(1, matched.addresses, len(ids)))


__all__ = [
    "Matched",
    "ProposedPerson",
    "company_of",
    "domain_index",
    "email_index",
    "interaction_of",
    "match",
    "person_id",
    "propose",
    "website_domain",
]

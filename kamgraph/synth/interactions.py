"""Synthetic interactions: two years of meetings, calls and mails of our team with its accounts.

:func:`interactions` takes the accounts as plain :class:`AccountTeam` values (who
works there, who decides, which of our team covers it and whom they know, when
its deals close) and streams interaction records with a realistic rhythm:

- each account owner's recurring 1:1 with their main contact (weekly, every two
  weeks or monthly, a fixed weekday and hour, some weeks skipped), which for
  about a third of the accounts stops part-way (a tie going cold);
- a quarterly business review (QBR) with the account's team, some of its
  decision-makers and a few addresses that match no one;
- bursts around each deal: in the 60 days before its close date, calls, mails
  and a demo or negotiation meeting with the buying centre;
- mail threads between each teammate and each contact they know, at a rate of
  their own, a quarter of them going quiet part-way;
- for some accounts, a teammate with a weekly call to someone they have no
  KNOWS to (a strong tie that exists only in the interactions).

Records are dicts in the shape of the GraphQL ``InteractionInput`` (``kind``
``INTERACTION``, ``participants`` as ``{"person", "role"}``), with
``participantCount`` when more addresses took part than the people named. The
same accounts and seed give the same records; dates are relative to ``end``.
:class:`Collector` gathers the accounts from the records of
:func:`kamgraph.synth.generator.generate` or the demo as they stream past.

>>> acct = AccountTeam("acct-1", ("a1", "a2", "a3"), ("a1",), ("me", "boss"),
...                    (("me", "a1"), ("me", "a2")), (dt.date(2025, 11, 20),))
>>> records = list(interactions([acct], seed=7, end=dt.date(2026, 1, 1)))
>>> sorted({r["type"] for r in records})
['CALL', 'EMAIL', 'MEETING']
>>> records == list(interactions([acct], seed=7, end=dt.date(2026, 1, 1)))
True
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from kamgraph.domain.interactions import Interaction, InteractionType

Record = dict[str, Any]
DAYS = 730  # two years
MEETING, CALL, EMAIL = "MEETING", "CALL", "EMAIL"
_THREAD = (1, 1, 2, 2, 3, 4)  # mails in a thread
_SUBJECTS = (
    "Follow-up",
    "Next steps",
    "Proposal",
    "Pricing",
    "Contract draft",
    "Security questionnaire",
    "Roadmap",
    "Invoice",
    "Onboarding",
    "Usage report",
    "Intro",
    "Support ticket",
)


_ROLE_RANK = {"ACCOUNT_OWNER": 0, "EXECUTIVE_SPONSOR": 1, "SPECIALIST": 2, "SUPPORT": 3}


@dataclass(frozen=True, slots=True)
class AccountTeam:
    """What the generator needs of one account.

    ``team`` is our teammates covering it, the account owner first; ``contacts``
    are ``(teammate, account person)`` pairs that have a KNOWS; ``deals`` the close
    dates of its opportunities.
    """

    company_id: str
    people: Sequence[str]
    decision_makers: Sequence[str]
    team: Sequence[str]
    contacts: Sequence[tuple[str, str]]
    deals: Sequence[dt.date] = ()


class _Out:
    """Numbers and formats the records; keeps the days of the window as strings."""

    def __init__(self, end: dt.date, days: int) -> None:
        self.first = end - dt.timedelta(days=days - 1)
        self.days = days
        self.iso = [(self.first + dt.timedelta(days=k)).isoformat() for k in range(days)]
        self.weekday = [(self.first + dt.timedelta(days=k)).weekday() for k in range(days)]
        self.seq = 0

    def workday(self, k: int) -> int:
        """``k`` moved forward to a Monday when it falls on a weekend."""
        w = self.weekday[k] if 0 <= k < self.days else 0
        return k + (7 - w if w >= 5 else 0)

    def record(
        self,
        kind: str,
        name: str,
        k: int,
        minute: int,
        length: int | None,
        people: Sequence[tuple[str, str]],
        extra: int,
    ) -> Record | None:
        if not 0 <= k < self.days:
            return None
        self.seq += 1
        rec: Record = {
            "kind": "INTERACTION",
            "id": f"ix-{self.seq:08d}",
            "name": name,
            "type": kind,
            "at": f"{self.iso[k]}T{minute // 60:02d}:{minute % 60:02d}:00Z",
            "source": "api",
            "participants": [{"person": p, "role": r} for p, r in people],
        }
        if length is not None:
            rec["durationMinutes"] = length
        if extra:
            rec["participantCount"] = len(people) + extra
        return rec


def _meeting(organizer: str, others: Iterable[str]) -> list[tuple[str, str]]:
    out = [(organizer, "ORGANIZER")]
    seen = {organizer}
    for p in others:
        if p not in seen:
            seen.add(p)
            out.append((p, "ATTENDEE"))
    return out


def _mail(sender: str, to: Sequence[str], cc: Sequence[str] = ()) -> list[tuple[str, str]]:
    out = [(sender, "SENDER")]
    seen = {sender}
    for group, role in ((to, "RECIPIENT"), (cc, "CC")):
        for p in group:
            if p not in seen:
                seen.add(p)
                out.append((p, role))
    return out


def _account(a: AccountTeam, rng: random.Random, out: _Out, rate: float) -> Iterator[Record | None]:
    if not a.team or not a.people:
        return
    days = out.days
    owner = a.team[0]
    known = [c for t, c in a.contacts if t == owner]
    main = next((c for c in known if c in a.decision_makers), known[0] if known else a.people[0])
    # the owner's 1:1: a fixed weekday and hour, some weeks skipped; a third of them stop part-way
    every = rng.choice((7, 14, 14, 28))
    k = out.workday(rng.randrange(min(180, days)))
    stop = rng.randrange(days // 3, days) if rng.random() < 0.33 else days
    slot = rng.choice((540, 600, 660, 840, 900, 960))
    while k < stop:
        if rng.random() >= 0.12:
            yield out.record(MEETING, "1:1", k, slot, 30, _meeting(owner, (main,)), 0)
        k += every
    # QBRs, once a quarter
    k = rng.randrange(80)
    dms = list(a.decision_makers) or list(a.people)
    while k < days:
        theirs = rng.sample(dms, min(len(dms), rng.randint(2, 6)))
        q = ((out.first + dt.timedelta(days=k)).month - 1) // 3 + 1
        people = _meeting(owner, [*a.team, *theirs])
        yield out.record(MEETING, f"QBR Q{q}", out.workday(k), 600, 90, people, rng.choice((0, 0, 1, 2, 3)))
        k += rng.randint(84, 98)
    # bursts before each deal closes
    last = out.first + dt.timedelta(days=days - 1)
    for close in a.deals:
        to_close = (last - close).days
        buyers = rng.sample(list(a.people), min(len(a.people), rng.randint(1, 4)))
        ours = [owner, *rng.sample(list(a.team[1:]), min(len(a.team) - 1, 1))]
        for _ in range(rng.randint(3, 9)):
            k = days - 1 - to_close - rng.randrange(60)
            who = _meeting(rng.choice(ours), rng.sample(buyers, rng.randint(1, len(buyers))))
            yield out.record(CALL, "Call", out.workday(k), rng.randrange(480, 1080, 15), 30, who, 0)
        for _ in range(rng.randint(5, 18)):
            k = days - 1 - to_close - rng.randrange(60)
            sender = rng.choice([*ours, *buyers])
            to = [p for p in (*ours, *buyers) if p != sender]
            yield out.record(
                EMAIL, "Re: Proposal", k, rng.randrange(420, 1260), None, _mail(sender, to[:2], to[2:]), 0
            )
        k = days - 1 - to_close - rng.randrange(10, 45)
        people = _meeting(owner, [*ours, *buyers])
        yield out.record(
            MEETING, rng.choice(("Demo", "Negotiation")), out.workday(k), 840, 60, people, rng.randint(0, 2)
        )
    # mail threads between each teammate and the contacts they know (the bulk: kept lean)
    rand = rng.random
    for mate, contact in a.contacts:
        mean_gap = rng.lognormvariate(3.2, 0.6) / rate  # days between threads: about 25 at rate 1
        stop = rng.randrange(days // 4, days) if rand() < 0.25 else days
        at = rng.expovariate(1.0 / mean_gap)
        there = [(mate, "SENDER"), (contact, "RECIPIENT")]
        back = [(contact, "SENDER"), (mate, "RECIPIENT")]
        while at < stop:
            day = int(at)
            subject = _SUBJECTS[int(rand() * len(_SUBJECTS))]
            for n in range(_THREAD[int(rand() * len(_THREAD))]):
                name = subject if n == 0 else f"Re: {subject}"
                who = there if n % 2 == 0 else back
                yield out.record(EMAIL, name, day + n // 2, 420 + int(rand() * 840), None, who, 0)
            at += rng.expovariate(1.0 / mean_gap)
    # a strong tie that exists only in the interactions
    known_pairs = set(a.contacts)
    strangers = [p for p in a.people if (owner, p) not in known_pairs]
    if strangers and rng.random() < 0.08:
        mate, other = rng.choice(list(a.team)), rng.choice(strangers)
        for k in range(out.workday(rng.randrange(days // 2)), days, 7):
            yield out.record(CALL, "Weekly sync", k, 960, 30, _meeting(mate, (other,)), 0)


def interactions(
    accounts: Iterable[AccountTeam],
    *,
    seed: int = 42,
    end: dt.date = dt.date(2026, 1, 1),
    days: int = DAYS,
    rate: float = 1.0,
) -> Iterator[Record]:
    """The interactions of our team with ``accounts`` over the ``days`` before ``end`` (inclusive);
    ``rate`` scales the mail traffic (2.0: twice as many threads)."""
    if days < 1 or rate <= 0:
        raise ValueError("days must be at least 1 and rate above 0")
    rng = random.Random(seed)
    out = _Out(end, days)
    for account in accounts:
        for rec in _account(account, rng, out, rate):
            if rec is not None:
                yield rec


def interaction_value(record: Record) -> Interaction:
    """A generated record as the warmth analysis sees it."""
    people = tuple(dict.fromkeys(p["person"] for p in record["participants"]))
    return Interaction(
        record["id"],
        InteractionType(record["type"]),
        dt.date.fromisoformat(record["at"][:10]),
        people,
        int(record.get("participantCount", len(people))),
    )


@dataclass
class Collector:
    """Gathers the :class:`AccountTeam` of every covered account from import records
    (those of :func:`~kamgraph.synth.generator.generate` or the demo) as they stream past."""

    home: set[str] = field(default_factory=set)
    team: set[str] = field(default_factory=set)
    staff: dict[str, list[str]] = field(default_factory=dict)
    deciders: set[str] = field(default_factory=set)
    company_of: dict[str, str] = field(default_factory=dict)
    covers: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # (role rank, teammate)
    knows: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    deals: dict[str, list[dt.date]] = field(default_factory=dict)
    close: dict[str, dt.date] = field(default_factory=dict)

    def watch(self, records: Iterable[Record]) -> Iterator[Record]:
        """``records`` unchanged, seen on the way."""
        for r in records:
            self.see(r)
            yield r

    def see(self, r: Record) -> None:
        kind = r["kind"]
        if kind == "COMPANY" and r.get("home") is True:
            self.home.add(r["id"])
        elif kind == "PERSON" and r.get("decisionMaker"):
            self.deciders.add(r["id"])
        elif kind == "OPPORTUNITY" and r.get("closeDate"):
            self.close[r["id"]] = dt.date.fromisoformat(r["closeDate"])
        elif kind == "TARGETS" and r["from"] in self.close:
            self.deals.setdefault(r["to"], []).append(self.close[r["from"]])
        elif kind == "WORKS_AT" and r.get("current", True) is not False:
            if r["to"] in self.home:
                self.team.add(r["from"])
            else:
                self.company_of[r["from"]] = r["to"]
                self.staff.setdefault(r["to"], []).append(r["from"])
        elif kind == "COVERS":
            rank = _ROLE_RANK.get(r.get("role") or "", len(_ROLE_RANK))
            self.covers.setdefault(r["to"], []).append((rank, r["from"]))
        elif kind == "KNOWS":
            a, b = r["from"], r["to"]
            mate, other = (a, b) if a in self.team else (b, a)
            company = self.company_of.get(other)
            if mate in self.team and company is not None and company in self.covers:
                self.knows.setdefault(company, []).append((mate, other))

    def accounts(self) -> list[AccountTeam]:
        """The covered accounts, in the order they were first covered; each team's account owner first."""
        return [
            AccountTeam(
                company,
                self.staff.get(company, []),
                [p for p in self.staff.get(company, []) if p in self.deciders],
                [mate for _, mate in sorted(team)],
                self.knows.get(company, []),
                self.deals.get(company, []),
            )
            for company, team in self.covers.items()
        ]


__all__ = ["DAYS", "AccountTeam", "Collector", "interaction_value", "interactions"]

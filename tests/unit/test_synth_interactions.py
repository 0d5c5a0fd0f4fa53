"""Synthetic interactions: deterministic, realistic in rhythm, and readable by the warmth analysis."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import pytest

from kamgraph.analysis.warmth import RecordedTie, tie_strengths
from kamgraph.synth.generator import REFERENCE_DATE, generate
from kamgraph.synth.interactions import AccountTeam, Collector, interaction_value, interactions


@pytest.fixture(scope="module")
def world() -> tuple[Collector, list[AccountTeam]]:
    collector = Collector()
    for _ in collector.watch(generate(3000, seed=5)):
        pass
    return collector, collector.accounts()


def test_the_accounts_are_gathered_from_the_generated_graph(
    world: tuple[Collector, list[AccountTeam]],
) -> None:
    collector, accounts = world
    assert len(accounts) > 10
    for a in accounts:
        assert a.team and set(a.team) <= collector.team
        assert set(a.people).isdisjoint(collector.team)
        assert set(a.decision_makers) <= set(a.people)
        assert all(mate in a.team or mate in collector.team for mate, _ in a.contacts)
        assert all(contact in a.people for _, contact in a.contacts)
    assert any(a.deals for a in accounts)


def test_same_seed_same_records_other_seed_others(world: tuple[Collector, list[AccountTeam]]) -> None:
    _, accounts = world
    first = list(interactions(accounts[:5], seed=3))
    assert first == list(interactions(accounts[:5], seed=3))
    assert first != list(interactions(accounts[:5], seed=4))


def test_two_years_of_meetings_calls_and_mails_with_a_rhythm(
    world: tuple[Collector, list[AccountTeam]],
) -> None:
    collector, accounts = world
    records = list(interactions(accounts, seed=1))
    kinds = Counter(r["type"] for r in records)
    assert kinds["EMAIL"] > kinds["MEETING"] > kinds["CALL"] > 0
    days = [dt.date.fromisoformat(r["at"][:10]) for r in records]
    assert min(days) >= REFERENCE_DATE - dt.timedelta(days=729) and max(days) <= REFERENCE_DATE
    assert all(dt.datetime.fromisoformat(r["at"]).tzinfo is not None for r in records)
    assert len({r["id"] for r in records}) == len(records)
    everyone = collector.team | {p for a in accounts for p in a.people}
    assert all(p["person"] in everyone for r in records for p in r["participants"])
    # meetings fall on working days; QBRs about once a quarter per account
    meetings = [d for r, d in zip(records, days, strict=True) if r["type"] == "MEETING"]
    assert sum(d.weekday() < 5 for d in meetings) / len(meetings) > 0.97
    qbrs = sum(r["name"].startswith("QBR") for r in records)
    assert 6 * len(accounts) <= qbrs <= 10 * len(accounts)
    # some of the owners' 1:1 series stop part-way: ties that go cold
    last_one_on_one: dict[str, dt.date] = {}
    for r, d in zip(records, days, strict=True):
        if r["name"] == "1:1":
            key = r["participants"][0]["person"] + "|" + r["participants"][1]["person"]
            last_one_on_one[key] = max(d, last_one_on_one.get(key, d))
    cold = [k for k, d in last_one_on_one.items() if (REFERENCE_DATE - d).days > 120]
    assert 0 < len(cold) < len(last_one_on_one)


def test_warmth_reads_them_and_finds_strong_ties_without_knows(
    world: tuple[Collector, list[AccountTeam]],
) -> None:
    collector, accounts = world
    values = [interaction_value(r) for r in interactions(accounts, seed=1)]
    people = collector.team | {p for a in accounts for p in a.people}
    knows = {tuple(sorted(pair)) for a in accounts for pair in a.contacts}
    ties = tie_strengths(people, [RecordedTie(a, b, 0.5) for a, b in knows], values, REFERENCE_DATE, 90)
    assert all(0.0 <= t.strength <= 1.0 for t in ties.values())
    derived = [t for key, t in ties.items() if key not in knows and t.strength >= 0.5]
    assert derived, "a few strong ties rest on interactions alone"
    per_pair: defaultdict[int, int] = defaultdict(int)
    for t in ties.values():
        per_pair[min(t.interactions, 50) // 10] += 1
    assert len(per_pair) > 2  # some pairs barely touch, some talk all the time


def test_participant_counts_beyond_the_people_named() -> None:
    acct = AccountTeam("c", ("a", "b", "c", "d"), ("a", "b"), ("me",), (("me", "a"),))
    records = list(interactions([acct], seed=2, rate=0.5))
    counted = [r for r in records if "participantCount" in r]
    assert counted and all(r["participantCount"] > len(r["participants"]) for r in counted)
    assert interaction_value(counted[0]).participant_count == counted[0]["participantCount"]
    with pytest.raises(ValueError, match="rate"):
        list(interactions([acct], rate=0))

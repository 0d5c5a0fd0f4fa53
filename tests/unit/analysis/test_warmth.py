"""Warmth and effective tie strength against a straightforward computation of the formulas
of docs/domain.md ("Interactions and warmth"), and the properties an analyst relies on."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamgraph.analysis.warmth import (
    RecordedTie,
    TieStrength,
    faded_strength,
    tie_strength,
    tie_strengths,
    warmth,
)
from kamgraph.domain.errors import InvalidArgumentError, ValidationError
from kamgraph.domain.interactions import Interaction, InteractionType
from kamgraph.domain.model import Relationship, RelationshipKind

D = dt.date(2026, 6, 1)
PEOPLE = ("p0", "p1", "p2", "p3", "p4")
WEIGHT = {"MEETING": 1.0, "CALL": 0.6, "EVENT": 0.4, "EMAIL": 0.2, "NOTE": 0.0}


def brute(
    p: str,
    q: str,
    knows: list[RecordedTie],
    interactions: list[Interaction],
    as_of: dt.date,
    h: int,
) -> tuple[float, float | None, float, dt.date | None, int] | None:
    """The spec, read literally: (strength, recorded, warmth, lastContact, count), None: no tie."""
    w = 0.0
    days = []
    for i in {i.id: i for i in interactions}.values():
        if p in i.participants and q in i.participants and i.day <= as_of:
            age = (as_of - i.day).days
            factor = 1.0 if h == 0 else math.pow(0.5, age / h)
            w += WEIGHT[i.type.value] * min(1.0, 10.0 / i.participant_count) * factor
            days.append(i.day)
    warm = 1.0 - math.exp(-w)
    mine = [k for k in knows if {k.a, k.b} == {p, q}]
    if not mine and not days:
        return None
    if not mine:
        return (warm, None, warm, max(days) if days else None, len(days))
    k = max(mine, key=lambda k: k.strength)
    if k.last_contact is None or h == 0:
        s_d = k.strength
    else:
        s_d = k.strength * math.pow(0.5, max(0, (as_of - k.last_contact).days) / h)
    last = max([*days, *([k.last_contact] if k.last_contact else [])], default=None)
    return (1.0 - (1.0 - s_d) * (1.0 - warm), k.strength, warm, last, len(days))


@st.composite
def worlds(draw: st.DrawFn) -> tuple[list[RecordedTie], list[Interaction], int]:
    person = st.sampled_from(PEOPLE)
    knows = []
    for a, b in draw(st.lists(st.tuples(person, person).filter(lambda t: t[0] != t[1]), max_size=5)):
        last = draw(st.none() | st.integers(-500, 40).map(lambda k: D + dt.timedelta(days=k)))
        knows.append(RecordedTie(a, b, draw(st.sampled_from((0.0, 0.1, 0.5, 0.9, 1.0))), last))
    interactions = []
    for k in range(draw(st.integers(0, 12))):
        who = draw(st.lists(person, min_size=1, max_size=5, unique=True))
        day = D + dt.timedelta(days=draw(st.integers(-700, 30)))
        kind = draw(st.sampled_from(list(InteractionType)))
        extra = draw(st.sampled_from((0, 0, 1, 8, 35)))
        interactions.append(Interaction(f"i{k}", kind, day, tuple(who), len(who) + extra))
    return knows, interactions, draw(st.sampled_from((0, 1, 30, 90, 365)))


def close(t: TieStrength, expected: tuple[float, float | None, float, dt.date | None, int]) -> bool:
    strength, recorded, warm, last, count = expected
    return (
        math.isclose(t.strength, strength, abs_tol=1e-12)
        and t.recorded == recorded
        and math.isclose(t.warmth, warm, abs_tol=1e-12)
        and (t.last_contact, t.interactions) == (last, count)
    )


@settings(max_examples=150, deadline=None)
@given(worlds())
def test_every_tie_matches_the_formulas(world: tuple[list[RecordedTie], list[Interaction], int]) -> None:
    knows, interactions, h = world
    ties = tie_strengths(set(PEOPLE), knows, interactions, D, h)
    for p, q in combinations(sorted(PEOPLE), 2):
        expected = brute(p, q, knows, interactions, D, h)
        if expected is None:
            assert (p, q) not in ties
            continue
        assert close(ties[p, q], expected), (p, q, ties[p, q], expected)
        mine = max((k for k in knows if {k.a, k.b} == {p, q}), key=lambda k: k.strength, default=None)
        # the pair function and the neighbourhood function agree, whichever way the pair is named
        assert tie_strength(p, q, mine, interactions, D, h) == ties[p, q]
        assert tie_strength(q, p, mine, interactions, D, h) == ties[p, q]
        assert 0.0 <= ties[p, q].strength <= 1.0
        assert 0.0 <= ties[p, q].warmth < 1.0


@settings(max_examples=100, deadline=None)
@given(worlds(), st.integers(0, 11), st.integers(1, 400))
def test_more_recent_is_never_weaker(
    world: tuple[list[RecordedTie], list[Interaction], int], which: int, later: int
) -> None:
    knows, interactions, h = world
    if not interactions:
        return
    i = interactions[which % len(interactions)]
    moved = replace(i, day=min(D, i.day + dt.timedelta(days=later)))
    before = tie_strengths(set(PEOPLE), knows, interactions, D, h)
    after = tie_strengths(set(PEOPLE), knows, [moved if j is i else j for j in interactions], D, h)
    for key, tie in before.items():
        assert after[key].strength >= tie.strength - 1e-12
        assert after[key].warmth >= tie.warmth - 1e-12


@settings(max_examples=100, deadline=None)
@given(worlds(), st.sampled_from(list(InteractionType)), st.integers(-700, 0), st.sampled_from((2, 3, 40)))
def test_more_frequent_is_never_weaker(
    world: tuple[list[RecordedTie], list[Interaction], int], kind: InteractionType, age: int, count: int
) -> None:
    knows, interactions, h = world
    extra = Interaction("new", kind, D + dt.timedelta(days=age), ("p0", "p1"), count)
    before = tie_strengths(set(PEOPLE), knows, interactions, D, h)
    after = tie_strengths(set(PEOPLE), knows, [*interactions, extra], D, h)
    old = before.get(("p0", "p1"))
    assert after["p0", "p1"].interactions == (old.interactions if old else 0) + 1
    for key, tie in before.items():
        assert after[key].strength >= tie.strength - 1e-12
    was = old.warmth if old else 0.0
    assert after["p0", "p1"].warmth >= was
    if kind is not InteractionType.NOTE and (h == 0 or -age <= h) and was < 0.99:
        assert after["p0", "p1"].warmth > was  # strictly warmer when it counts for something


@settings(max_examples=100, deadline=None)
@given(st.floats(0, 1), st.none() | st.integers(-3000, 3000))
def test_half_life_zero_without_interactions_is_the_recorded_strength(s: float, offset: int | None) -> None:
    last = None if offset is None else D + dt.timedelta(days=offset)
    tie = tie_strength("a", "b", RecordedTie("a", "b", s, last), [], D, 0)
    assert tie == TieStrength(s, s, 0.0, last, 0)


@settings(max_examples=100, deadline=None)
@given(st.floats(0, 1), st.integers(-3000, 3000), st.integers(0, 36500))
def test_faded_strength_stays_in_range_and_never_grows(s: float, offset: int, h: int) -> None:
    faded = faded_strength(s, D + dt.timedelta(days=offset), D, h)
    assert 0.0 <= faded <= s


def test_the_figures_of_the_spec() -> None:
    meeting = Interaction("m", InteractionType.MEETING, D - dt.timedelta(days=90), ("a", "b"), 3)
    town_hall = Interaction("t", InteractionType.MEETING, D, ("a", "b"), 40)
    mail = Interaction("e", InteractionType.EMAIL, D, ("a", "b"), 2)
    assert warmth("a", "b", [meeting], D, 90) == pytest.approx(1 - math.exp(-0.5))
    assert warmth("a", "b", [town_hall], D, 90) == pytest.approx(1 - math.exp(-0.25))
    assert warmth("a", "b", [mail], D, 90) == pytest.approx(1 - math.exp(-0.2))
    assert warmth("a", "b", [meeting], D, 0) == pytest.approx(1 - math.exp(-1.0))
    knows = RecordedTie("a", "b", 0.8, D - dt.timedelta(days=180))
    tie = tie_strength("a", "b", knows, [mail], D, 90)
    assert tie.strength == pytest.approx(1 - (1 - 0.2) * math.exp(-0.2))
    assert (tie.recorded, tie.last_contact, tie.interactions) == (0.8, D, 1)


def test_later_interactions_and_people_outside_do_not_count() -> None:
    future = Interaction("f", InteractionType.MEETING, D + dt.timedelta(days=1), ("a", "b"), 2)
    crowd = (*(f"x{k}" for k in range(5000)), "a", "b")
    hall = Interaction("h", InteractionType.MEETING, D, crowd, 5002)
    ties = tie_strengths({"a", "b", "c"}, [RecordedTie("a", "z", 0.9)], [future, hall, hall], D, 90)
    assert list(ties) == [("a", "b")]
    assert ties["a", "b"].interactions == 1
    assert ties["a", "b"].warmth == pytest.approx(1 - math.exp(-10 / 5002))
    assert ties["a", "b"].recorded is None


def test_a_recorded_tie_is_read_from_a_knows_relationship() -> None:
    rel = Relationship(RelationshipKind.KNOWS, "a", "b", {"strength": 0.7, "lastContact": "2026-05-02"})
    tie = RecordedTie.of(rel)
    assert tie == RecordedTie("a", "b", 0.7, dt.date(2026, 5, 2))
    assert tie_strength("b", "a", tie, [], D, 30).strength == pytest.approx(0.35)
    with pytest.raises(InvalidArgumentError, match="knows: must be KNOWS"):
        RecordedTie.of(Relationship(RelationshipKind.REPORTS_TO, "a", "b", {}))


def test_bad_arguments_are_named() -> None:
    with pytest.raises(InvalidArgumentError, match="halfLifeDays"):
        tie_strengths({"a"}, [], [], D, -1)
    with pytest.raises(InvalidArgumentError, match="with: must name another person"):
        tie_strength("a", "a", None, [], D)
    with pytest.raises(InvalidArgumentError, match="knows: is a tie of 'a' and 'c'"):
        tie_strength("a", "b", RecordedTie("a", "c"), [], D)
    with pytest.raises(InvalidArgumentError, match="strength"):
        faded_strength(1.5, None, D)
    with pytest.raises(ValidationError, match="participantCount: must be at least the 2"):
        Interaction("i", InteractionType.CALL, D, ("a", "b"), 1)


def test_the_figures_in_docs_interactions_md() -> None:
    from pathlib import Path

    doc = " ".join((Path(__file__).resolve().parents[3] / "docs" / "interactions.md").read_text().split())
    meeting = Interaction("m", InteractionType.MEETING, D - dt.timedelta(days=90), ("a", "b"), 3)
    today = replace(meeting, day=D)
    mails = [Interaction(f"e{k}", InteractionType.EMAIL, D, ("a", "b"), 2) for k in range(5)]
    hall = Interaction("t", InteractionType.MEETING, D, ("a", "b"), 40)
    knows = RecordedTie("a", "b", 0.8, D - dt.timedelta(days=180))
    figures = {
        "a warmth of": warmth("a", "b", [meeting], D),
        "the same meeting today,": warmth("a", "b", [today], D),
        "w = 1 and": warmth("a", "b", mails, D),
        "a town hall of 40 today,": warmth("a", "b", [hall], D),
        "has faded to": faded_strength(0.8, knows.last_contact, D),
        "1 − 0.8 × e^(−0.2) =": tie_strength("a", "b", knows, [mails[0]], D).strength,
    }
    for words, value in figures.items():
        assert f"{words} {value:.2f}".rstrip("0") in doc, (words, round(value, 4))

"""Warmth and effective tie strength (docs/domain.md, "Interactions and warmth").

A relationship's strength typed by hand is a judgement on one day; what is warm
as of a day D comes from the interactions behind it, each fading with a
half-life of H days (``halfLifeDays``, default 90):

- an interaction i counts ``weight(type_i) × share_i × 2^(−(D − day_i)/H)``, with
  weight MEETING 1.0, CALL 0.6, EVENT 0.4, EMAIL 0.2, NOTE 0 and
  ``share_i = min(1, 10 / participants_i)`` (every address on it, matched or not);
- the warmth between p and q is ``1 − e^(−w)``, w the sum over the interactions
  both took part in, dated on or before D;
- a recorded KNOWS strength s with lastContact L fades from L:
  ``s_D = s × 2^(−max(0, D − L)/H)`` (s when L is not set);
- the tie's effective strength is ``1 − (1 − s_D)(1 − warmth)``; without a KNOWS
  it is the warmth alone;
- its lastContact is the latest of L and the days of their interactions on or
  before D; ``halfLifeDays = 0`` switches fading off.

All functions are pure: they read their arguments and never change them.

>>> import datetime as dt
>>> from kamgraph.domain.interactions import Interaction, InteractionType as T
>>> D = dt.date(2026, 4, 1)
>>> meetings = [Interaction("m1", T.MEETING, D - dt.timedelta(days=90), ("ann", "bo"), 2)]
>>> tie = tie_strength("ann", "bo", None, meetings, D, 90)
>>> round(tie.warmth, 4), tie.recorded, tie.last_contact, tie.interactions
(0.3935, None, datetime.date(2026, 1, 1), 1)
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from itertools import combinations

from kamgraph.analysis.errors import check_int, check_unit
from kamgraph.domain.errors import InvalidArgumentError
from kamgraph.domain.interactions import (
    FULL_SHARE_PARTICIPANTS,
    INTERACTION_WEIGHTS,
    Interaction,
    InteractionType,
)
from kamgraph.domain.model import DEFAULT_KNOWS_STRENGTH, Relationship, RelationshipKind

#: The longest half-life a request may ask for (a century: no fading to speak of).
MAX_HALF_LIFE_DAYS = 36_500

Pair = tuple[str, str]


def check_half_life(half_life_days: int) -> int:
    """``half_life_days`` when it is a whole number of days in 0..36500; else an error naming it.

    >>> check_half_life(90)
    90
    >>> check_half_life(-1)
    Traceback (most recent call last):
    ...
    kamgraph.domain.errors.InvalidArgumentError: halfLifeDays: must be between 0 and 36500, got -1
    """
    return check_int("halfLifeDays", half_life_days, 0, MAX_HALF_LIFE_DAYS)


def interaction_weight(kind: InteractionType) -> float:
    """What one interaction of a type says about a relationship.

    >>> [interaction_weight(t) for t in InteractionType]
    [1.0, 0.6, 0.2, 0.4, 0.0]
    """
    return INTERACTION_WEIGHTS[kind]


def share(participant_count: int) -> float:
    """Each pair's share of an interaction of ``participant_count`` addresses: ``min(1, 10 / n)``.

    >>> share(3), share(10), share(40)
    (1.0, 1.0, 0.25)
    >>> share(0)
    Traceback (most recent call last):
    ...
    kamgraph.domain.errors.InvalidArgumentError: participantCount: must be at least 1, got 0
    """
    if isinstance(participant_count, bool) or not isinstance(participant_count, int) or participant_count < 1:
        raise InvalidArgumentError("participantCount", f"must be at least 1, got {participant_count!r}")
    return min(1.0, FULL_SHARE_PARTICIPANTS / participant_count)


def fade(age_days: int, half_life_days: int) -> float:
    """``2^(−max(0, age)/H)``: what is left after ``age_days`` with half-life H (1 when H is 0).

    >>> fade(90, 90), fade(180, 90), fade(-5, 90), fade(1000, 0)
    (0.5, 0.25, 1.0, 1.0)
    """
    if half_life_days == 0 or age_days <= 0:
        return 1.0
    return float(2.0 ** (-age_days / half_life_days))


def contribution(interaction: Interaction, as_of: dt.date, half_life_days: int) -> float:
    """What one interaction adds to the warmth sum w of each pair of its participants as of ``as_of``
    (0 when it is dated after ``as_of``).

    >>> from kamgraph.domain.interactions import InteractionType as T
    >>> call = Interaction("c1", T.CALL, dt.date(2026, 1, 1), ("ann", "bo"), 20)
    >>> contribution(call, dt.date(2026, 4, 1), 90)  # 0.6 × 0.5 × 2^(−90/90)
    0.15
    """
    age = (as_of - interaction.day).days
    if age < 0:
        return 0.0
    return INTERACTION_WEIGHTS[interaction.type] * interaction.share * fade(age, half_life_days)


def warmth_of(w: float) -> float:
    """``1 − e^(−w)``: the warmth of a sum of contributions, in 0..1.

    >>> warmth_of(0.0), round(warmth_of(1.0), 4)
    (0.0, 0.6321)
    """
    return -math.expm1(-w)


def warmth(
    p: str, q: str, interactions: Iterable[Interaction], as_of: dt.date, half_life_days: int = 90
) -> float:
    """The warmth between ``p`` and ``q`` as of ``as_of``: from the interactions both took part in.

    >>> from kamgraph.domain.interactions import InteractionType as T
    >>> day = dt.date(2026, 1, 1)
    >>> mails = [Interaction(f"e{k}", T.EMAIL, day, ("ann", "bo"), 2) for k in range(5)]
    >>> round(warmth("ann", "bo", mails, day), 4), warmth("ann", "cy", mails, day)
    (0.6321, 0.0)
    """
    return tie_strength(p, q, None, interactions, as_of, half_life_days).warmth


def faded_strength(
    strength: float, last_contact: dt.date | None, as_of: dt.date, half_life_days: int = 90
) -> float:
    """``s_D``: a recorded strength faded from its last contact (unchanged without one).

    >>> faded_strength(0.8, dt.date(2026, 1, 1), dt.date(2026, 4, 1), 90)
    0.4
    >>> faded_strength(0.8, None, dt.date(2026, 4, 1), 90)
    0.8
    >>> faded_strength(0.8, dt.date(2020, 1, 1), dt.date(2026, 4, 1), 0)  # halfLifeDays 0: no fading
    0.8
    """
    check_unit("strength", strength)
    if last_contact is None:
        return float(strength)
    return strength * fade((as_of - last_contact).days, half_life_days)


def combine(faded: float, warm: float) -> float:
    """``1 − (1 − s_D)(1 − warmth)``: the recorded strength and the warmth together.

    >>> combine(0.5, 0.5), combine(0.0, 0.25), combine(1.0, 0.2)
    (0.75, 0.25, 1.0)
    """
    # s + w·(1 − s): the same, and exactly s when there is no warmth (and w when nothing is recorded)
    return min(1.0, faded + warm * (1.0 - faded))


@dataclass(frozen=True, slots=True)
class RecordedTie:
    """A recorded KNOWS between ``a`` and ``b``: its strength as typed and its lastContact."""

    a: str
    b: str
    strength: float = DEFAULT_KNOWS_STRENGTH
    last_contact: dt.date | None = None

    @classmethod
    def of(cls, rel: Relationship) -> RecordedTie:
        """The recorded tie of a KNOWS relationship (strength 0.5 when not set).

        >>> from kamgraph.domain.model import RelationshipKind as K
        >>> RecordedTie.of(Relationship(K.KNOWS, "ann", "bo", {"lastContact": "2026-01-31"}))
        RecordedTie(a='ann', b='bo', strength=0.5, last_contact=datetime.date(2026, 1, 31))
        """
        if rel.kind is not RelationshipKind.KNOWS:
            raise InvalidArgumentError("knows", f"must be KNOWS relationships, got {rel.kind.value}")
        strength = rel.get("strength")
        last = rel.get("lastContact")
        return cls(
            rel.from_id,
            rel.to_id,
            DEFAULT_KNOWS_STRENGTH if strength is None else float(strength),
            None if last is None else dt.date.fromisoformat(str(last)),
        )


@dataclass(frozen=True, slots=True)
class TieStrength:
    """A tie's effective strength as of a day, and what it rests on.

    ``recorded`` is the KNOWS strength as typed (before fading), ``None`` for a tie
    derived from interactions alone; ``interactions`` counts the shared
    interactions on or before the day.
    """

    strength: float
    recorded: float | None
    warmth: float
    last_contact: dt.date | None
    interactions: int


def _pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def _latest(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def _result(
    recorded: RecordedTie | None,
    w: float,
    count: int,
    last: dt.date | None,
    as_of: dt.date,
    half_life_days: int,
) -> TieStrength:
    warm = warmth_of(w)
    if recorded is None:
        return TieStrength(warm, None, warm, last, count)
    faded = faded_strength(recorded.strength, recorded.last_contact, as_of, half_life_days)
    return TieStrength(
        combine(faded, warm), recorded.strength, warm, _latest(recorded.last_contact, last), count
    )


def tie_strength(
    p: str,
    q: str,
    recorded: RecordedTie | None,
    interactions: Iterable[Interaction],
    as_of: dt.date,
    half_life_days: int = 90,
) -> TieStrength:
    """The tie between ``p`` and ``q`` as of ``as_of``: the recorded KNOWS (or ``None``) and the
    interactions (those both took part in, on or before ``as_of``, count; each id once).

    >>> from kamgraph.domain.interactions import InteractionType as T
    >>> D = dt.date(2026, 4, 1)
    >>> knows = RecordedTie("ann", "bo", 0.8, dt.date(2026, 1, 1))
    >>> call = Interaction("c1", T.CALL, dt.date(2026, 3, 2), ("ann", "bo"), 2)
    >>> tie = tie_strength("ann", "bo", knows, [call], D, 90)
    >>> round(tie.strength, 4), tie.recorded, round(tie.warmth, 4), tie.last_contact, tie.interactions
    (0.6273, 0.8, 0.3789, datetime.date(2026, 3, 2), 1)
    >>> tie_strength("ann", "bo", knows, [], D, 0).strength
    0.8
    """
    check_half_life(half_life_days)
    if p == q:
        raise InvalidArgumentError("with", f"must name another person than {p!r}")
    if recorded is not None and _pair(recorded.a, recorded.b) != _pair(p, q):
        raise InvalidArgumentError(
            "knows", f"is a tie of {recorded.a!r} and {recorded.b!r}, not of {p!r} and {q!r}"
        )
    w, count, last = 0.0, 0, None
    seen: set[str] = set()
    for i in interactions:
        if i.id in seen or i.day > as_of or p not in i.participants or q not in i.participants:
            continue
        seen.add(i.id)
        w += contribution(i, as_of, half_life_days)
        count += 1
        last = _latest(last, i.day)
    return _result(recorded, w, count, last, as_of, half_life_days)


def tie_strengths(
    people: Collection[str],
    knows: Iterable[RecordedTie],
    interactions: Iterable[Interaction],
    as_of: dt.date,
    half_life_days: int = 90,
) -> dict[Pair, TieStrength]:
    """Every tie among ``people`` as of ``as_of``, in one pass, keyed by the pair ``(a, b)`` with a < b.

    A pair is there when it has a recorded KNOWS or shares an interaction on or before
    ``as_of``. Ties and interactions reaching outside ``people`` are read only for
    the pairs inside it: an interaction costs its participants plus the square of
    those of them in ``people`` (a town-hall of 2,000 with two of them inside is one
    pair). An interaction given twice (the same id) counts once; of two KNOWS given
    for one pair, the stronger counts.

    >>> from kamgraph.domain.interactions import InteractionType as T
    >>> D = dt.date(2026, 4, 1)
    >>> qbr = Interaction("q1", T.MEETING, D, ("ann", "bo", "cy", "dee"), 40)
    >>> ties = tie_strengths({"ann", "bo", "cy"}, [RecordedTie("bo", "ann", 0.5)], [qbr], D, 90)
    >>> sorted(ties)
    [('ann', 'bo'), ('ann', 'cy'), ('bo', 'cy')]
    >>> round(ties["ann", "bo"].strength, 4), round(ties["ann", "cy"].strength, 4)
    (0.6106, 0.2212)
    """
    check_half_life(half_life_days)
    inside = people if isinstance(people, (set, frozenset)) else frozenset(people)
    recorded: dict[Pair, RecordedTie] = {}
    for tie in knows:
        if tie.a == tie.b or tie.a not in inside or tie.b not in inside:
            continue
        key = _pair(tie.a, tie.b)
        held = recorded.get(key)
        if held is None or tie.strength > held.strength:
            recorded[key] = tie
    sums: dict[Pair, list[float]] = {}  # pair -> [w, count, last day ordinal]
    seen: set[str] = set()
    for i in interactions:
        if i.day > as_of or i.id in seen:
            continue
        seen.add(i.id)
        here = sorted(p for p in i.participants if p in inside)
        if len(here) < 2:
            continue
        c = contribution(i, as_of, half_life_days)
        d = float(i.day.toordinal())
        for key in combinations(here, 2):
            acc = sums.get(key)
            if acc is None:
                sums[key] = [c, 1.0, d]
            else:
                acc[0] += c
                acc[1] += 1.0
                if d > acc[2]:
                    acc[2] = d
    out: dict[Pair, TieStrength] = {}
    for key in recorded.keys() | sums.keys():
        w, count, last = sums.get(key, (0.0, 0.0, 0.0))
        last_day = dt.date.fromordinal(int(last)) if count else None
        out[key] = _result(recorded.get(key), w, int(count), last_day, as_of, half_life_days)
    return out


__all__ = [
    "MAX_HALF_LIFE_DAYS",
    "RecordedTie",
    "TieStrength",
    "check_half_life",
    "combine",
    "contribution",
    "faded_strength",
    "fade",
    "interaction_weight",
    "share",
    "tie_strength",
    "tie_strengths",
    "warmth",
    "warmth_of",
]

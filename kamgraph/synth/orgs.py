"""Org charts: a company's people as a tree, CEO → C-level → VPs → directors →
managers → staff, every manager with 3 to 10 direct reports.

>>> import random
>>> org = build_org(40, random.Random(1), ("Finance", "IT", "Operations"))
>>> len(org), org[0].title, org[0].manager
(40, 'Chief Executive Officer', -1)
>>> spans = [sum(1 for m in org if m.manager == i) for i in range(len(org))]
>>> all(3 <= s <= 10 for s in spans if s)
True
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from kamgraph.synth.names import CEO_TITLE, DEPARTMENTS, EXECUTIVE, FIRST_NAMES, LAST_NAMES

MIN_SPAN = 3
MAX_SPAN = 10
MIN_ORG = 4  # the smallest org with valid spans: a CEO and three reports
MAX_C_LEVEL = 7


@dataclass(frozen=True, slots=True)
class OrgMember:
    """One position of an org chart; ``manager`` is a local index (-1: none)."""

    manager: int
    level: int
    seniority: str
    department: str
    title: str
    decision_maker: bool


def level_sizes(n: int, rng: random.Random) -> list[int]:
    """How many people on each level of an org of ``n`` (level 0: the CEO alone).

    Each level below the first has at least 3 people and at most 10 per person
    of the level above, so that its people can be shared out with spans of 3..10.
    """
    if n < MIN_ORG:
        raise ValueError(f"an org needs at least {MIN_ORG} people, not {n}")
    sizes = [1]
    total = 1
    while total < n:
        prev, rem = sizes[-1], n - total
        first = len(sizes) == 1
        if rem <= MAX_SPAN * prev and (not first or rem <= MAX_C_LEVEL):
            sizes.append(rem)
            break
        size = min(rng.randint(MIN_SPAN, MAX_C_LEVEL) if first else prev * rng.randint(MIN_SPAN, 8), rem)
        left = rem - size
        if 0 < left < MIN_SPAN:  # leave enough for a valid next level
            size -= MIN_SPAN - left
        sizes.append(size)
        total += size
    return sizes


def _split(total: int, parents: int, rng: random.Random, spread: bool = False) -> list[int]:
    """Share ``total`` reports among some of ``parents`` managers, 3..10 each
    (with ``spread``, among as many of them as the spans allow)."""
    lo = -(-total // MAX_SPAN)
    hi = min(parents, total // MIN_SPAN)
    p = max(lo, hi if spread else min(hi, round(total / rng.uniform(4.0, 8.0))))
    parts = [MIN_SPAN] * p
    extra = total - MIN_SPAN * p
    while extra > 0:
        i = rng.randrange(p)
        room = MAX_SPAN - parts[i]
        if room:
            add = min(room, extra, rng.randint(1, 3))
            parts[i] += add
            extra -= add
    chosen = sorted(rng.sample(range(parents), p))
    counts = [0] * parents
    for parent, part in zip(chosen, parts, strict=True):
        counts[parent] = part
    return counts


def _seniority(level: int, depth: int, has_reports: bool) -> str:
    if level <= 1:
        return "C_LEVEL"
    if level == depth - 1:
        return "INDIVIDUAL"
    from_bottom = depth - 1 - level  # 1: manager, 2: director, 3+: VP
    if from_bottom == 1:
        return "MANAGER" if has_reports else "INDIVIDUAL"
    return "DIRECTOR" if from_bottom == 2 else "VP"


def build_org(n: int, rng: random.Random, departments: Sequence[str], fixed: bool = False) -> list[OrgMember]:
    """An org chart of ``n`` people, in level order (index 0 is the CEO).

    The C-level heads ``departments`` (in order when ``fixed``, else drawn with
    a preference for the first); everyone below inherits their chief's
    department. C-level and VPs are decision-makers, and about a third of the
    directors.
    """
    sizes = level_sizes(n, rng)
    depth = len(sizes)
    heads = (
        list(departments[: sizes[1]])
        if fixed
        else rng.sample(
            list(departments[: min(len(departments), sizes[1] + 3)]), min(len(departments), sizes[1])
        )
    )
    while len(heads) < sizes[1]:
        heads.append(heads[len(heads) % len(departments)])
    managers: list[int] = [-1]
    dept: list[str] = [EXECUTIVE]
    levels: list[int] = [0]
    start = 0
    for level in range(1, depth):
        prev = sizes[level - 1]
        # every chief heads an organisation, as far as the people go round
        counts = [sizes[level]] if level == 1 else _split(sizes[level], prev, rng, spread=level == 2)
        for offset, count in enumerate(counts):
            parent = start + offset
            for k in range(count):
                managers.append(parent)
                dept.append(heads[k] if level == 1 else dept[parent])
                levels.append(level)
        start += prev
    has_reports = [False] * n
    for m in managers:
        if m >= 0:
            has_reports[m] = True
    out: list[OrgMember] = []
    for i in range(n):
        level = levels[i]
        seniority = _seniority(level, depth, has_reports[i])
        title = _title(level, seniority, dept[i], rng)
        dm = seniority in ("C_LEVEL", "VP") or (seniority == "DIRECTOR" and rng.random() < 0.35)
        out.append(OrgMember(managers[i], level, seniority, dept[i], title, dm))
    return out


def _title(level: int, seniority: str, department: str, rng: random.Random) -> str:
    if level == 0:
        return CEO_TITLE
    d = DEPARTMENTS[department]
    if seniority == "C_LEVEL":
        return d.chief
    if seniority == "VP":
        return rng.choice(d.vp)
    if seniority == "DIRECTOR":
        return rng.choice(d.director)
    if seniority == "MANAGER":
        return rng.choice(d.manager)
    title = rng.choice(d.staff)
    r = rng.random()
    if r < 0.25:
        return "Senior " + title
    if r < 0.32:
        return "Principal " + title
    return title


def person_name(rng: random.Random) -> tuple[str, str]:
    """A (first, last) name."""
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


def email(first: str, last: str, domain: str) -> str:
    """``first.last@domain``, lower case, without spaces."""
    return f"{first}.{last}".replace(" ", "").lower() + "@" + domain

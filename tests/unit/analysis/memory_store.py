"""A store of the two reads the influence-path fetch uses, in memory, for its unit tests."""

from __future__ import annotations

from collections.abc import Sequence

from kamgraph.domain.model import End, Relationship, TieEdges, TieSkeleton
from kamgraph.domain.model import RelationshipKind as K


class MemoryStore:
    """The two reads the path fetch uses, over a list of relationships, counting what it reads."""

    def __init__(self, rels: list[Relationship]) -> None:
        self.rels = rels
        self.read = 0

    async def person_ties(self, person_ids: Sequence[str]) -> TieEdges:
        ids = set(person_ids)

        def touching(kind: K, both: bool) -> list[Relationship]:
            return [r for r in self.rels
                    if r.kind is kind and (r.from_id in ids or (both and r.to_id in ids))]

        found = TieEdges(touching(K.KNOWS, True), touching(K.REPORTS_TO, True),
                         touching(K.WORKS_AT, False), touching(K.INTERESTED_IN, False))
        self.read += len(found.knows + found.reports_to + found.works_at + found.interested_in)
        return found

    async def hub_members(self, company_ids: Sequence[str], interest_ids: Sequence[str]) -> TieEdges:
        found = TieEdges(
            works_at=[r for r in self.rels if r.kind is K.WORKS_AT and r.to_id in company_ids],
            interested_in=[r for r in self.rels if r.kind is K.INTERESTED_IN and r.to_id in interest_ids],
        )
        self.read += len(found.works_at + found.interested_in)
        return found

    async def tie_skeleton(
        self, person_ids: Sequence[str], company_ids: Sequence[str], interest_ids: Sequence[str]
    ) -> TieSkeleton:
        mine = await self.person_ties(person_ids)
        members = await self.hub_members(company_ids, interest_ids)
        works = {(r.from_id, r.to_id): r for r in mine.works_at + members.works_at}
        likes = {(r.from_id, r.to_id): r for r in mine.interested_in + members.interested_in}
        edges = TieEdges(mine.knows, mine.reports_to, list(works.values()), list(likes.values()))
        return TieSkeleton.of(edges)

    async def get_relationships(self, ids: Sequence[str], kind: K, end: End) -> list[list[Relationship]]:
        def at(i: str) -> list[Relationship]:
            return [r for r in self.rels if r.kind is kind and (
                (end is not End.IN and r.from_id == i) or (end is not End.OUT and r.to_id == i))]

        return [at(i) for i in ids]


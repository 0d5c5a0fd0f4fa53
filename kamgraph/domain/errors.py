"""The errors kamgraph raises, each with what a client needs to act on it."""

from __future__ import annotations

from dataclasses import dataclass


class KamgraphError(Exception):
    """Base of every error kamgraph raises on purpose."""

    code = "INTERNAL"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one item of a request.

    ``item`` names the item (its id, or its position and kind/from/to),
    ``field`` the offending field and ``rule`` what the value broke.
    """

    item: str
    field: str
    rule: str

    def __str__(self) -> str:
        return f"{self.item}: {self.field}: {self.rule}"


class ValidationError(KamgraphError):
    """A request that breaks a rule of the domain; nothing of it was written."""

    code = "BAD_USER_INPUT"

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("ValidationError needs at least one problem")
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        super().__init__(shown + more)

    @classmethod
    def one(cls, item: str, field: str, rule: str) -> ValidationError:
        return cls([Problem(item, field, rule)])


class InvalidArgumentError(KamgraphError):
    """An argument of a query or analysis that is out of its domain."""

    code = "BAD_USER_INPUT"

    def __init__(self, argument: str, rule: str) -> None:
        self.argument = argument
        self.rule = rule
        super().__init__(f"{argument}: {rule}")


class NotFoundError(InvalidArgumentError):
    """An id given as an argument that names nothing (or a node of the wrong kind)."""

    code = "NOT_FOUND"


class StoreUnavailableError(KamgraphError):
    """The store cannot be reached or did not answer in time."""

    code = "STORE_UNAVAILABLE"

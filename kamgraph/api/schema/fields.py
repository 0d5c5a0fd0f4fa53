"""Typed forms of ``strawberry.field``/``strawberry.mutation`` with arguments.

Strawberry types its keyword-argument decorator form as ``Any``, which
``mypy --strict`` refuses as an untyped decorator; these keep the resolver's type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import strawberry

F = TypeVar("F", bound=Callable[..., Any])


def field(description: str | None = None, *, name: str | None = None) -> Callable[[F], F]:
    """``@strawberry.field(description=..., name=...)``, typed."""
    return cast("Callable[[F], F]", strawberry.field(description=description, name=name))


def mutation(description: str | None = None, *, name: str | None = None) -> Callable[[F], F]:
    """``@strawberry.mutation(description=..., name=...)``, typed."""
    return cast("Callable[[F], F]", strawberry.mutation(description=description, name=name))

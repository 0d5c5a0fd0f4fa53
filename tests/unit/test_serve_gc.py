"""``kamgraph serve`` tunes the cyclic garbage collector for a long-running server."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from kamgraph.commands import serve


@pytest.fixture
def restored_gc() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_serving_freezes_what_start_up_made_and_collects_fully_less_often(restored_gc: None) -> None:
    made_at_start_up = [object() for _ in range(3)]
    serve.tune_gc()
    assert gc.get_freeze_count() >= len(made_at_start_up)
    assert gc.get_threshold() == serve.GC_THRESHOLDS
    assert serve.GC_THRESHOLDS[2] > 10 and gc.isenabled()

"""The worked example of docs/analyses.md says what the service answers on the demo.

The section "Worked example on the demo data" is parsed: each ```graphql block
is run against the demo data set (embedded store, over the app) and its answer
must be the ```json block that follows it, numbers to the doc's 4 decimals.
The prose is held to the same data: every sum written in backticks
(`0.52 × 0.88 = 0.4576`) must add up, and every other decimal number in the
text must be one of the answers' numbers or a default the code defines.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from kamgraph.analysis.priority import PriorityWeights
from kamgraph.domain.model import DEFAULT_TIE_WEIGHTS
from kamgraph.store.embedded.store import EmbeddedStore
from kamgraph.synth.demo import load_demo
from tests.e2e.conftest import Api, start_api

DOC = (Path(__file__).resolve().parents[2] / "docs" / "analyses.md").read_text()
SECTION = DOC.split("## Worked example on the demo data", 1)[1].split("\n## ", 1)[0]
EXAMPLES = re.findall(r"```graphql\n(.*?)```\s*```json\n(.*?)```", SECTION, re.S)
PROSE = re.sub(r"```.*?```", "", SECTION, flags=re.S)
#: the doc rounds to 4 decimals
TOLERANCE = 5e-5 + 1e-12
#: the defaults the prose may quote: priority weights, tie strengths, minStrength
DEFAULTS = {
    *(getattr(PriorityWeights(), f.name) for f in fields(PriorityWeights)),
    *DEFAULT_TIE_WEIGHTS.values(),
    0.5,
}


def matches(doc: Any, actual: Any, path: str = "") -> list[str]:
    """Where ``actual`` differs from the doc's ``doc`` (floats within the doc's rounding)."""
    if isinstance(doc, float) and isinstance(actual, (int, float)) and not isinstance(actual, bool):
        return [] if abs(doc - actual) <= TOLERANCE else [f"{path}: doc {doc}, service {actual}"]
    if isinstance(doc, dict) and isinstance(actual, dict):
        if doc.keys() != actual.keys():
            return [f"{path}: doc keys {sorted(doc)}, service keys {sorted(actual)}"]
        return [m for k in doc for m in matches(doc[k], actual[k], f"{path}.{k}")]
    if isinstance(doc, list) and isinstance(actual, list):
        if len(doc) != len(actual):
            return [f"{path}: doc has {len(doc)} items, service {len(actual)}"]
        return [
            m for i, (d, a) in enumerate(zip(doc, actual, strict=True)) for m in matches(d, a, f"{path}[{i}]")
        ]
    return [] if doc == actual else [f"{path}: doc {doc!r}, service {actual!r}"]


def numbers(value: Any) -> list[float]:
    if isinstance(value, bool):
        return []
    if isinstance(value, (int, float)):
        return [float(value)]
    if isinstance(value, dict):
        return [n for v in value.values() for n in numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in numbers(v)]
    return []


EQUATION = re.compile(r"`([0-9.×÷+\- ()]+)=\s*([0-9.]+)`")


def test_the_section_has_the_three_examples() -> None:
    assert [re.search(r"\{\s*(\w+)", q).group(1) for q, _ in EXAMPLES] == [  # type: ignore[union-attr]
        "relationshipGaps",
        "influencePaths",
        "accountPriorities",
    ]
    assert "TO BE WRITTEN" not in SECTION


def test_every_sum_in_the_text_adds_up() -> None:
    found = EQUATION.findall(PROSE)
    assert len(found) >= 4, found
    for left, right in found:
        value = eval(
            left.replace("×", "*").replace("÷", "/"), {"__builtins__": {}}
        )  # digits and operators only
        assert abs(value - float(right)) <= 1e-3 * 0.5 + TOLERANCE, f"{left}= {right} (is {value})"


def test_every_other_number_in_the_text_is_an_answer_or_a_default() -> None:
    answers = [n for _, answer in EXAMPLES for n in numbers(json.loads(answer))]
    text = EQUATION.sub("", PROSE)
    quoted = [float(x) for x in re.findall(r"(?<![\w.-])\d+\.\d+(?![\w.-])", text)]
    assert len(quoted) >= 10, quoted
    for x in quoted:
        assert any(abs(x - n) <= TOLERANCE for n in [*answers, *DEFAULTS]), f"{x} is in no answer"


@pytest.fixture(scope="module")
async def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docs-demo") / "demo.db"
    store = EmbeddedStore(str(path))
    await store.open()
    try:
        assert await load_demo(store)
    finally:
        await store.close()
    return path


@pytest.fixture
async def demo_api(demo_path: Path) -> AsyncIterator[Api]:
    store = EmbeddedStore(str(demo_path))
    await store.open()
    try:
        async with AsyncExitStack() as stack:
            yield await start_api(stack, "asgi", store)
    finally:
        await store.close()


@pytest.mark.parametrize("index", range(len(EXAMPLES)), ids=lambda i: f"example{i}")
async def test_the_worked_example_is_what_the_service_answers_on_embedded_demo(
    demo_api: Api, index: int
) -> None:
    query, answer = EXAMPLES[index]
    data = await demo_api.query(query)
    problems = matches(json.loads(answer), data)
    assert not problems, "docs/analyses.md differs from the service:\n" + "\n".join(problems)

"""``kamgraph import`` and ``kamgraph export`` as a user runs them (embedded store)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from kamgraph.cli import main
from kamgraph.domain.model import Node, NodeKind
from kamgraph.io.progress import LineReporter
from kamgraph.io.writers import CsvWriter, ExportError


def people_file(path: Path, n: int) -> Path:
    path.write_text(
        "".join(json.dumps({"kind": "PERSON", "id": f"p{i}", "name": f"P {i}"}) + "\n" for i in range(n))
        + "".join(
            json.dumps({"kind": "KNOWS", "from": f"p{i}", "to": f"p{i + 1}", "strength": 0.5}) + "\n"
            for i in range(n - 1)
        ),
        encoding="utf-8",
    )
    return path


def test_import_prints_progress_lines_and_a_summary_off_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = people_file(tmp_path / "g.ndjson", 3_000)
    db = str(tmp_path / "k.db")
    code = main(["import", str(src), "--store", db, "--batch", "500", "--progress-interval", "0"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert re.search(r"^validating: [\d,]+ rows \(\d+%\), [\d,]+ rows/s", err, re.M)
    assert re.search(r"^writing: [\d,]+ rows \(\d+%\), [\d,]+ rows/s(, ETA \S+)?$", err, re.M)
    last = err.strip().splitlines()[-1]
    assert re.fullmatch(
        r"imported 5,999 rows \(3,000 nodes, 2,999 relationships\) in [\d.]+ s "
        r"\(validated in [\d.]+ s, written in [\d.]+ s\): [\d,]+ rows/s",
        last,
    ), last
    # and again: nothing changes, the same summary
    assert main(["import", str(src), "--store", db, "--progress-interval", "0"]) == 0


def test_import_with_bad_rows_exits_1_and_lists_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "people.csv"
    src.write_text("id,name,decisionMaker\np1,Ann,true\np2,Bob,maybe\n,Cy,\n", encoding="utf-8")
    code = main(["import", str(src), "--store", str(tmp_path / "k.db"), "--progress-interval", "1000"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{src}:3: decisionMaker: must be true or false, not 'maybe'" in err
    assert f"{src}:4: id: must be a non-empty string" in err
    assert "2 problem(s) in 2 of 3 rows; nothing was written" in err
    # nothing was written
    assert main(["export", "-o", str(tmp_path / "out.ndjson"), "--store", str(tmp_path / "k.db")]) == 0
    assert (tmp_path / "out.ndjson").read_text() == ""


def test_import_of_a_missing_path_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(tmp_path / "nope"), "--store", str(tmp_path / "k.db")]) == 2
    assert "no such file or directory" in capsys.readouterr().err


def test_export_then_import_both_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = people_file(tmp_path / "g.ndjson", 50)
    assert main(["import", str(src), "--store", str(tmp_path / "a.db")]) == 0
    for fmt, out in (("ndjson", tmp_path / "out.ndjson"), ("csv", tmp_path / "outcsv")):
        assert main(["export", "--format", fmt, "-o", str(out), "--store", str(tmp_path / "a.db")]) == 0
        assert main(["import", str(out), "--store", str(tmp_path / f"{fmt}.db")]) == 0
        again = tmp_path / f"{fmt}.ndjson"
        assert main(["export", "-o", str(again), "--store", str(tmp_path / f"{fmt}.db")]) == 0
        assert again.read_text() == (tmp_path / "out.ndjson").read_text()
    assert sorted(p.name for p in (tmp_path / "outcsv").iterdir()) == [
        "companies.csv", "interests.csv", "opportunities.csv",
        "people.csv", "products.csv", "relationships.csv",
    ]  # fmt: skip
    assert "exported 99 rows (50 nodes, 49 relationships)" in capsys.readouterr().err


def test_line_reporter_throttles_by_time_and_rows() -> None:
    out = io.StringIO()
    rep = LineReporter(out, interval=3600, every=100)
    rep.start("writing", 1_000)
    for rows in range(0, 1_001, 10):
        rep.update(rows, rows)
    lines = out.getvalue().splitlines()
    assert len(lines) == 10  # one per 100 rows, none by time
    assert lines[0].startswith("writing: 100 rows (10%), ")


def test_csv_export_refuses_a_tag_it_cannot_hold(tmp_path: Path) -> None:
    with CsvWriter(tmp_path) as w, pytest.raises(ExportError, match="contains ';'"):
        w.node(Node("c1", NodeKind.COMPANY, {"name": "C", "tags": ["a;b"]}))


def test_import_runs_without_the_cyclic_gc_and_gives_it_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from kamgraph.io.importer import Importer

    during: list[bool] = []
    run = Importer.run

    async def spy(self: Importer) -> object:
        during.append(gc.isenabled())
        return await run(self)

    monkeypatch.setattr(Importer, "run", spy)
    src = people_file(tmp_path / "g.ndjson", 10)
    assert gc.isenabled()
    assert main(["import", str(src), "--store", str(tmp_path / "k.db")]) == 0, capsys.readouterr().err
    assert during == [False]
    assert gc.isenabled()


def test_import_reports_bytes_that_are_not_utf8_and_over_deep_lines_by_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "bad.ndjson"
    src.write_bytes(
        b'{"kind": "PERSON", "id": "a", "name": "A\xff"}\n'
        + b"[" * 50_000 + b"]" * 50_000 + b"\n"
        + b'{"kind": "PERSON", "id": "b", "name": "B \\ud800"}\n'
    )
    people = tmp_path / "people.csv"
    people.write_bytes(b"id,name\nc,C\xfe\n")
    code = main(["import", str(src), str(people), "--store", str(tmp_path / "k.db")])
    err = capsys.readouterr().err
    assert code != 0
    assert "Traceback" not in err
    assert f"{src}:1: (line): is not valid UTF-8" in err
    assert f"{src}:2: (line): is nested too deeply" in err
    assert f"{src}:3: (line): holds a string that is not valid Unicode" in err
    assert f"{people}:2: (row): is not valid UTF-8" in err

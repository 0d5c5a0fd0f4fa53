"""Reading import files: which files a PATH names, CSV typing, NDJSON records."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamgraph.domain.model import NodeKind
from kamgraph.io.readers import FileReader, InputError, InputFile, Record, expand_paths


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def records(path: Path) -> list[Record]:
    (f,) = expand_paths([path])
    return list(FileReader(f))


def test_csv_cells_are_typed_by_the_property_specs(tmp_path: Path) -> None:
    path = write(
        tmp_path / "companies.csv",
        "id,name,home,annualRevenue,tags,tier,website\n"
        "c1,Acme,true,1200.5,a; b ;c,KEY,\n"
        "c2,Beta,FALSE,7,,,\n",
    )
    (one, two) = records(path)
    assert one.kind is NodeKind.COMPANY and one.problems is None
    assert one.data == {
        "id": "c1", "name": "Acme", "home": True, "annualRevenue": 1200.5,
        "tags": ["a", "b", "c"], "tier": "KEY",
    }  # fmt: skip
    # empty cells are "not given": absent, not None
    assert two.data == {"id": "c2", "name": "Beta", "home": False, "annualRevenue": 7.0}
    assert (one.file, one.line, two.line) == (str(path), 2, 3)


def test_relationship_cells_are_typed_by_their_kind(tmp_path: Path) -> None:
    path = write(
        tmp_path / "relationships.csv",
        "kind,from,to,strength,level,current,satisfaction,role\n"
        "KNOWS,a,b,0.75,,,,\n"
        "INTERESTED_IN,a,i,,3,,,\n"
        "WORKS_AT,a,c,,,false,,\n"
        "USES,c,p,,,,4,\n"
        "COVERS,a,c,,,,,ACCOUNT_OWNER\n",
    )
    got = [r.data for r in records(path)]
    assert got == [
        {"kind": "KNOWS", "from": "a", "to": "b", "strength": 0.75},
        {"kind": "INTERESTED_IN", "from": "a", "to": "i", "level": 3},
        {"kind": "WORKS_AT", "from": "a", "to": "c", "current": False},
        {"kind": "USES", "from": "c", "to": "p", "satisfaction": 4},
        {"kind": "COVERS", "from": "a", "to": "c", "role": "ACCOUNT_OWNER"},
    ]


def test_a_cell_that_is_not_a_number_is_a_problem_naming_the_field(tmp_path: Path) -> None:
    path = write(
        tmp_path / "people.csv",
        "id,name,decisionMaker\np1,Ann,yes\n",
    )
    write(tmp_path / "x" / "companies.csv", "id,name,currentSpend\nc1,Acme,12k\n")
    write(tmp_path / "x" / "relationships.csv", "kind,from,to,level\nINTERESTED_IN,a,i,high\n")
    (bad_bool,) = records(path)
    assert bad_bool.problems == [("decisionMaker", "must be true or false, not 'yes'")]
    assert bad_bool.data == {"id": "p1", "name": "Ann"}
    (bad_num,) = records(tmp_path / "x" / "companies.csv")
    assert bad_num.problems == [("currentSpend", "must be a number, not '12k'")]
    (bad_int,) = records(tmp_path / "x" / "relationships.csv")
    assert bad_int.problems == [("level", "must be a whole number, not 'high'")]


def test_unknown_and_missing_columns_are_reported_on_the_header(tmp_path: Path) -> None:
    path = write(tmp_path / "products.csv", "name,colour\nWidget,red\n")
    (only,) = records(path)
    assert only.line == 1 and only.data is None
    assert only.problems == [
        ("colour", "is not a field of PRODUCT"),
        ("id", "is a required column"),
    ]


def test_a_row_with_too_many_cells_is_reported_and_short_rows_are_padded(tmp_path: Path) -> None:
    path = write(tmp_path / "interests.csv", "id,name,category\ni1,Golf,SPORT,extra\ni2,Chess\n\n")
    bad, short = records(path)
    assert bad.problems == [("(row)", "has 4 cells; the header has 3")] and bad.data is None
    assert short.data == {"id": "i2", "name": "Chess"} and short.line == 3


def test_ndjson_nodes_relationships_and_bad_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "g.ndjson",
        '{"kind": "PERSON", "id": "p1", "name": "Ann", "decisionMaker": true}\n'
        "\n"
        '{"kind": "KNOWS", "from": "p1", "to": "p2", "strength": 0.5}\n'
        "{not json\n"
        "[1, 2]\n"
        '{"kind": "ROBOT", "id": "r1"}\n',
    )
    node, rel, bad_json, not_object, bad_kind = records(path)
    assert (node.kind, node.line) == (NodeKind.PERSON, 1)
    assert node.data == {"kind": "PERSON", "id": "p1", "name": "Ann", "decisionMaker": True}
    assert (rel.kind, rel.line, rel.data) == (
        None, 3, {"kind": "KNOWS", "from": "p1", "to": "p2", "strength": 0.5},
    )  # fmt: skip
    assert bad_json.line == 4 and bad_json.problems is not None
    assert bad_json.problems[0][1].startswith("is not valid JSON")
    assert not_object.problems == [("(line)", "must be a JSON object")]
    assert bad_kind.data is None and bad_kind.problems is not None
    assert bad_kind.problems[0][0] == "kind" and "COMPANY" in bad_kind.problems[0][1]


def test_a_directory_is_its_files_node_files_first(tmp_path: Path) -> None:
    for name in ("relationships.csv", "people.csv", "companies.csv", "more.ndjson", "notes.txt"):
        write(tmp_path / name, "")
    files = expand_paths([tmp_path])
    assert [f.path.name for f in files] == ["companies.csv", "people.csv", "more.ndjson", "relationships.csv"]
    assert files[0] == InputFile(tmp_path / "companies.csv", "csv", kind=NodeKind.COMPANY)
    assert files[-1].rels and files[2].format == "ndjson"


def test_split_files_are_recognised_by_their_prefix(tmp_path: Path) -> None:
    path = write(tmp_path / "people-part2.csv", "id,name\n")
    (f,) = expand_paths([path])
    assert f.kind is NodeKind.PERSON


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("robots.csv", "a CSV file must be named after what it holds"),
        ("data.xml", "not a .csv or .ndjson file"),
        ("missing.csv", "no such file or directory"),
    ],
)
def test_paths_that_cannot_be_imported(tmp_path: Path, name: str, message: str) -> None:
    if name != "missing.csv":
        write(tmp_path / name, "")
    with pytest.raises(InputError, match=message):
        expand_paths([tmp_path / name])


def test_an_empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no \\*.csv or \\*.ndjson"):
        expand_paths([tmp_path])

"""API keys: the file keeps hashes only, owner-readable; add, list, revoke; reloads on change."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kamgraph.api.auth.keys import KeyRing, KeysFileError, add_key, hash_secret, read_keys, revoke_key
from kamgraph.api.auth.roles import Principal, Role, required_role
from kamgraph.api.auth.security import InsecureBindError, Security
from kamgraph.cli import main
from kamgraph.config import Settings


def test_the_file_keeps_only_the_hash_and_is_private(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    secret = add_key(path, "ci", Role.EDITOR)
    text = path.read_text()
    assert secret not in text and hash_secret(secret) in text
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    (key,) = read_keys(path)
    assert (key.name, key.role) == ("ci", Role.EDITOR) and key.created.endswith("Z")


def test_a_ring_knows_its_secrets_and_no_others(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    a = add_key(path, "a", Role.VIEWER)
    b = add_key(path, "b", Role.ADMIN)
    ring = KeyRing(path)
    assert ring.authenticate(a) == Principal("a", Role.VIEWER)
    assert ring.authenticate(b) == Principal("b", Role.ADMIN)
    assert ring.authenticate(a + "x") is None and ring.authenticate("") is None
    assert a != b


def test_the_ring_sees_changes_and_keeps_the_last_good_keys(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    ring = KeyRing(path)
    assert not ring.configured
    secret = add_key(path, "a", Role.ANALYST)
    assert ring.configured and ring.authenticate(secret) is not None
    revoke_key(path, "a")
    assert ring.authenticate(secret) is None and not ring.configured
    secret = add_key(path, "b", Role.ANALYST)
    assert ring.authenticate(secret) is not None
    path.write_text("this is [not toml")
    assert ring.authenticate(secret) is not None  # a broken file never opens the service
    with pytest.raises(KeysFileError):
        KeyRing(path)  # but at start-up it is an error


def test_names_are_unique_and_plain(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    add_key(path, "ci", Role.EDITOR)
    with pytest.raises(KeysFileError, match="exists already"):
        add_key(path, "ci", Role.ADMIN)
    with pytest.raises(KeysFileError, match="key name"):
        add_key(path, 'x"]\n[keys.admin', Role.ADMIN)
    with pytest.raises(KeysFileError, match="no key named"):
        revoke_key(path, "nobody")


def test_cli_add_list_revoke(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "keys.toml")
    assert main(["keys", "--keys-file", path, "add", "loader", "--role", "editor"]) == 0
    out = capsys.readouterr()
    secret = out.out.strip()
    assert secret.startswith("kg_") and "shown only now" in out.err
    assert main(["keys", "--keys-file", path, "list"]) == 0
    listed = capsys.readouterr().out
    assert listed.startswith("loader\teditor\t") and secret not in listed
    assert main(["keys", "--keys-file", path, "revoke", "loader"]) == 0
    assert main(["keys", "--keys-file", path, "revoke", "loader"]) == 1
    assert "no key named" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["keys", "--keys-file", path, "add", "x", "--role", "superuser"])


def test_cli_serve_refuses_to_run_open_beyond_loopback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAMGRAPH_KEYS_FILE", str(tmp_path / "none.toml"))
    assert main(["serve", "--store", ":memory:", "--host", "0.0.0.0"]) == 2
    assert "no API keys are configured" in capsys.readouterr().err


def test_bearer_parsing_and_posture(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    open_ = Security.from_settings(Settings(keys_file=str(path), dev=True))
    assert open_.dev_mode and open_.introspection and open_.graphiql
    assert open_.authenticate(None) == Principal("anonymous", Role.ADMIN)
    secret = add_key(path, "v", Role.VIEWER)
    keyed = Security.from_settings(Settings(keys_file=str(path), host="0.0.0.0"))
    assert not keyed.dev_mode and not keyed.introspection
    assert keyed.authenticate(f"Bearer {secret}") == Principal("v", Role.VIEWER)
    assert keyed.authenticate(f"bearer   {secret} ") == Principal("v", Role.VIEWER)
    for bad in (None, "", secret, f"Basic {secret}", "Bearer "):
        assert keyed.authenticate(bad) is None
    revoke_key(path, "v")  # all keys revoked beyond loopback: closed, not open
    assert keyed.authenticate(None) is None
    with pytest.raises(InsecureBindError):
        Security.from_settings(Settings(keys_file=str(path), host="10.1.2.3"))


def test_roles_are_ordered_and_personal_fields_need_an_analyst() -> None:
    assert Role.VIEWER < Role.ANALYST < Role.EDITOR < Role.ADMIN
    assert required_role("Acquaintance", "strength") is Role.ANALYST
    assert required_role("Mutation", "relate") is Role.EDITOR
    assert required_role("Mutation", "erasePerson") is Role.ADMIN

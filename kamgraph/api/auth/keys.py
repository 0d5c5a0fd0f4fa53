"""API keys: a TOML file of names, roles and hashes of the secrets (never the secrets).

A secret is ``kg_`` and 32 random bytes (:func:`secrets.token_urlsafe`), shown
once when the key is made. The file keeps the SHA-256 of it: for a 256-bit
random secret a fast hash is enough (a slow, salted hash protects guessable
passwords, and these are not guessable), as for GitHub's tokens. A presented
secret is hashed and compared with :func:`hmac.compare_digest` to every hash.

The file (``KAMGRAPH_KEYS_FILE``, default ``./kamgraph-keys.toml``)::

    [keys.ci-loader]
    role = "editor"
    hash = "sha256:9f86d0..."
    created = "2025-01-31T09:12:00Z"

is written atomically with mode 0600. A running service sees a changed file
on the next request (:class:`KeyRing` re-reads it when its mtime or size
changes), so ``kamgraph keys revoke`` takes effect without a restart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import os
import re
import secrets
import tempfile
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kamgraph.api.auth.roles import Principal, Role

log = logging.getLogger("kamgraph.api.auth")

SECRET_PREFIX = "kg_"
HASH_PREFIX = "sha256:"
_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class KeysFileError(Exception):
    """The keys file cannot be read, or a key operation is not possible."""


@dataclass(frozen=True, slots=True)
class KeyRecord:
    name: str
    role: Role
    hash: str
    created: str


def new_secret() -> str:
    """A fresh secret.

    >>> s = new_secret(); s.startswith("kg_") and len(s) > 40
    True
    """
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    """What the keys file keeps of a secret.

    >>> hash_secret("kg_x")[:14]
    'sha256:c4a058f'
    """
    return HASH_PREFIX + hashlib.sha256(secret.encode("utf-8")).hexdigest()


def check_name(name: str) -> str:
    """``name`` if it can name a key (letters, digits, ``_.-``; 1-64 characters).

    >>> check_name("bad name")
    Traceback (most recent call last):
    ...
    kamgraph.api.auth.keys.KeysFileError: a key name is 1-64 letters, digits, '_', '.' or '-' (not 'bad name')
    """
    if not _NAME.match(name):
        raise KeysFileError(f"a key name is 1-64 letters, digits, '_', '.' or '-' (not {name!r})")
    return name


def read_keys(path: str | Path) -> list[KeyRecord]:
    """The keys of the file at ``path`` (none when there is no file)."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise KeysFileError(f"cannot read the keys file {p}: {exc}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KeysFileError(f"the keys file {p} is not valid TOML: {exc}") from exc
    table = data.get("keys", {})
    if not isinstance(table, dict):
        raise KeysFileError(f"the keys file {p}: 'keys' must be a table")
    out: list[KeyRecord] = []
    for name, entry in table.items():
        if not isinstance(entry, dict):
            raise KeysFileError(f"the keys file {p}: keys.{name} must be a table")
        try:
            role = Role.parse(str(entry["role"]))
            digest = str(entry["hash"])
        except (KeyError, ValueError) as exc:
            raise KeysFileError(f"the keys file {p}: keys.{name}: {exc}") from exc
        if not digest.startswith(HASH_PREFIX):
            raise KeysFileError(f"the keys file {p}: keys.{name}: hash must start with {HASH_PREFIX!r}")
        out.append(KeyRecord(check_name(str(name)), role, digest, str(entry.get("created", ""))))
    return out


def _toml_string(value: str) -> str:
    """A TOML basic string.

    >>> _toml_string('a"b\\\\c')
    '"a\\\\"b\\\\\\\\c"'
    """
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c >= " " and c != "\x7f" else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'


def render_keys(keys: Iterable[KeyRecord]) -> str:
    """The TOML text of a keys file.

    >>> import tomllib
    >>> k = KeyRecord("ci", Role.EDITOR, "sha256:00", "2025-01-01T00:00:00Z")
    >>> tomllib.loads(render_keys([k]))["keys"]["ci"]["role"]
    'editor'
    """
    lines = [
        "# kamgraph API keys: names, roles and SHA-256 hashes of the secrets (never the secrets).",
        "# Managed with `kamgraph keys add|list|revoke`.",
    ]
    for k in keys:
        lines += [
            "",
            f"[keys.{check_name(k.name)}]",
            f"role = {_toml_string(k.role.label)}",
            f"hash = {_toml_string(k.hash)}",
            f"created = {_toml_string(k.created)}",
        ]
    return "\n".join(lines) + "\n"


def write_keys(path: str | Path, keys: Iterable[KeyRecord]) -> None:
    """Replace the keys file atomically; it is readable by its owner only (0600)."""
    p = Path(path)
    text = render_keys(keys)
    directory = p.parent if str(p.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".kamgraph-keys-", dir=directory)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def add_key(path: str | Path, name: str, role: Role) -> str:
    """Add a key; returns its secret (the only time it is seen)."""
    keys = read_keys(path)
    if any(k.name == check_name(name) for k in keys):
        raise KeysFileError(f"a key named {name!r} exists already (revoke it first)")
    secret = new_secret()
    write_keys(path, [*keys, KeyRecord(name, role, hash_secret(secret), _now())])
    return secret


def revoke_key(path: str | Path, name: str) -> None:
    keys = read_keys(path)
    kept = [k for k in keys if k.name != name]
    if len(kept) == len(keys):
        raise KeysFileError(f"no key named {name!r}")
    write_keys(path, kept)


class KeyRing:
    """The keys of a file, re-read when the file changes; answers who a secret belongs to."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._stamp: tuple[int, int] | None = None
        self._keys: list[KeyRecord] = []
        self.refresh(strict=True)

    def _current_stamp(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def refresh(self, strict: bool = False) -> None:
        """Re-read the file if it changed. A file that went bad keeps the last good keys
        (logged), so a broken edit never opens the service; at start-up (``strict``) it raises."""
        stamp = self._current_stamp()
        if stamp == self._stamp and (stamp is not None or not self._keys):
            return
        try:
            keys = read_keys(self.path)
        except KeysFileError:
            if strict:
                raise
            log.error("the keys file %s cannot be read; keeping the keys read before", self.path)
            return
        if self._keys and not keys:
            log.error(
                "the keys file %s is %s: every request is refused (401) until keys are added",
                self.path,
                "missing" if stamp is None else "empty",
            )
        self._keys, self._stamp = keys, stamp

    @property
    def configured(self) -> bool:
        """Whether any key exists (then every request must carry one)."""
        self.refresh()
        return bool(self._keys)

    def authenticate(self, secret: str) -> Principal | None:
        """The principal of a secret, or ``None`` for a secret of no key."""
        self.refresh()
        digest = hash_secret(secret).encode("ascii")
        found: KeyRecord | None = None
        for k in self._keys:  # no early exit: the time does not tell which key matched
            if hmac.compare_digest(digest, k.hash.encode("ascii", "replace")):
                found = k
        return None if found is None else Principal(found.name, found.role)

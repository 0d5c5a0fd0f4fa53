"""The service's security posture, decided once at start-up from the settings.

Two modes, never one turning into the other while the service runs:

- **Keyed** (the default): every GraphQL request must carry
  ``Authorization: Bearer SECRET`` of a key in the keys file; its name is the
  actor of the audit log and its role decides what the request may do. With no
  keys in the file at start-up (missing or empty) the service refuses to start.
  If the file later goes missing or loses every key, every request is refused
  (401) and the log says why; it never runs open.
- **Dev** (``kamgraph serve --dev`` / ``KAMGRAPH_DEV=1``): a deliberate choice
  for a service on one's own machine. It must listen on a loopback address and
  have no keys; every request runs as admin (actor ``anonymous``), and a request
  is answered only when its ``Host`` header names the loopback
  (``localhost``, ``127.0.0.1``, ``[::1]``), so that a web page cannot reach it
  through a DNS-rebinding name.

Introspection and GraphiQL are on in dev mode and off otherwise, unless the
settings turn them on or off.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kamgraph.api.auth.keys import KeyRing
from kamgraph.api.auth.roles import ANONYMOUS, Principal
from kamgraph.config import Settings

log = logging.getLogger("kamgraph.api.auth")

#: the Host names a dev-mode service answers to (any port)
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})


class InsecureBindError(Exception):
    """The settings would run the service open where it must not (see module doc)."""


def host_name(host_header: str) -> str:
    """The name part of a ``Host`` header (without its port), lower case.

    >>> host_name("LocalHost:8000"), host_name("[::1]:8000"), host_name("127.0.0.1")
    ('localhost', '[::1]', '127.0.0.1')
    """
    h = host_header.strip().lower()
    if h.startswith("["):
        return h[: h.find("]") + 1] if "]" in h else h
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


def loopback_host(host_header: str | None) -> bool:
    """Whether a ``Host`` header names the loopback.

    >>> loopback_host("localhost:8000"), loopback_host("attacker.example:8000"), loopback_host(None)
    (True, False, False)
    """
    return host_header is not None and host_name(host_header) in LOOPBACK_HOSTS


@dataclass(frozen=True, slots=True)
class Security:
    keyring: KeyRing
    loopback: bool
    dev_mode: bool
    introspection: bool
    graphiql: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> Security:
        """The posture of ``settings``; :class:`InsecureBindError` when it cannot be served safely."""
        keyring = KeyRing(settings.keys_file)
        configured = keyring.configured
        if settings.dev:
            if configured:
                raise InsecureBindError(
                    f"dev mode runs without keys, but the keys file {settings.keys_file} has keys: "
                    "leave out --dev (KAMGRAPH_DEV) to require them, or point KAMGRAPH_KEYS_FILE elsewhere."
                )
            if not settings.loopback:
                raise InsecureBindError(
                    f"refusing to serve on {settings.host} in dev mode: dev mode runs open (no keys) and "
                    "only on a loopback address (127.0.0.1, ::1). Listen on 127.0.0.1, or add a key with "
                    "`kamgraph keys add NAME --role admin` and leave out --dev."
                )
            log.warning("dev mode: no API keys, every request runs as admin; loopback only")
        elif not configured:
            raise InsecureBindError(
                f"refusing to start: no API keys are configured (keys file {settings.keys_file} is missing "
                "or empty). Add a key with `kamgraph keys add NAME --role admin` (or set "
                "KAMGRAPH_KEYS_FILE), or run an open local service with `kamgraph serve --dev` on 127.0.0.1."
            )
        dev = settings.dev
        return cls(
            keyring=keyring,
            loopback=settings.loopback,
            dev_mode=dev,
            introspection=dev if settings.introspection is None else settings.introspection,
            graphiql=dev if settings.graphiql is None else settings.graphiql,
        )

    def host_allowed(self, host_header: str | None) -> bool:
        """Whether a request with this ``Host`` may be answered (dev mode: loopback names only)."""
        return not self.dev_mode or loopback_host(host_header)

    def authenticate(self, authorization: str | None) -> Principal | None:
        """Who an ``Authorization`` header names; ``None``: refuse (401)."""
        if self.dev_mode:
            return ANONYMOUS
        if not authorization:
            return None
        scheme, _, secret = authorization.strip().partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            return None
        return self.keyring.authenticate(secret.strip())

"""The service's security posture, decided once at start-up from the settings.

- Keys configured (the keys file has any): every GraphQL request must carry
  ``Authorization: Bearer SECRET`` of a key; its name is the actor of the audit
  log and its role decides what the request may do.
- No keys: the service runs open (as admin, actor ``anonymous``) only when it
  listens on a loopback address; on any other address it refuses to start
  (:class:`InsecureBindError`).

"Dev mode" is no keys at start-up on loopback: introspection and GraphiQL are
on there and off elsewhere, unless the settings turn them on or off.
"""

from __future__ import annotations

from dataclasses import dataclass

from kamgraph.api.auth.keys import KeyRing
from kamgraph.api.auth.roles import ANONYMOUS, Principal
from kamgraph.config import Settings


class InsecureBindError(Exception):
    """No API keys are configured and the service would listen beyond loopback."""


@dataclass(frozen=True, slots=True)
class Security:
    keyring: KeyRing
    loopback: bool
    dev_mode: bool
    introspection: bool
    graphiql: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> Security:
        """The posture of ``settings``; :class:`InsecureBindError` when it would be open beyond loopback."""
        keyring = KeyRing(settings.keys_file)
        configured = keyring.configured
        if not configured and not settings.loopback:
            raise InsecureBindError(
                f"refusing to serve on {settings.host}: no API keys are configured "
                f"(keys file {settings.keys_file}). Without keys kamgraph runs open and only on a "
                "loopback address (127.0.0.1, ::1). Add a key with `kamgraph keys add NAME --role admin` "
                "(or set KAMGRAPH_KEYS_FILE), or listen on 127.0.0.1."
            )
        dev = settings.loopback and not configured
        return cls(
            keyring=keyring,
            loopback=settings.loopback,
            dev_mode=dev,
            introspection=dev if settings.introspection is None else settings.introspection,
            graphiql=dev if settings.graphiql is None else settings.graphiql,
        )

    def authenticate(self, authorization: str | None) -> Principal | None:
        """Who an ``Authorization`` header names; ``None``: refuse (401)."""
        if not self.keyring.configured:
            # keys may have been revoked since start-up: open again only on loopback
            return ANONYMOUS if self.loopback else None
        if not authorization:
            return None
        scheme, _, secret = authorization.strip().partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            return None
        return self.keyring.authenticate(secret.strip())

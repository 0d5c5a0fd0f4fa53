"""How ``kamgraph serve`` runs uvicorn: connection limits and time limits per connection.

- **Headers**: a connection must deliver a request's headers within
  ``HEADER_TIMEOUT_SECONDS`` of opening (or of its previous response): uvicorn
  waits forever for them, so :class:`TimedH11Protocol` closes a connection that
  trickles them in (a slow-headers attack holding connections open).
- **Body**: read within the request's timeout (``KAMGRAPH_TIMEOUT_SECONDS``) by
  :class:`~kamgraph.api.limits.LimitsMiddleware` (408 otherwise).
- **Connections**: at most ``MAX_CONNECTIONS`` at once (uvicorn answers 503
  beyond), idle keep-alive connections closed after ``KEEP_ALIVE_SECONDS``.
- **Stopping**: on SIGTERM uvicorn stops accepting, lets requests finish for up
  to ``drain`` seconds and cancels the rest; :class:`Server` also makes sure
  the process is gone ``EXIT_GRACE_SECONDS`` after that even if work that
  cannot be cancelled (a thread of an analysis) is still running.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from types import FrameType
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("kamgraph.serve")

HEADER_TIMEOUT_SECONDS = 10.0
KEEP_ALIVE_SECONDS = 5
MAX_CONNECTIONS = 1_000
EXIT_GRACE_SECONDS = 5.0


class TimedH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, closing a connection whose request headers do not
    arrive within ``header_timeout`` seconds."""

    header_timeout = HEADER_TIMEOUT_SECONDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headers_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def _arm(self) -> None:
        if self._headers_timer is not None:
            self._headers_timer.cancel()
        self._headers_timer = self.loop.call_later(self.header_timeout, self._headers_due)

    def _headers_due(self) -> None:
        cycle = self.cycle  # the request being served; none (or a finished one): waiting for headers
        if (cycle is None or cycle.response_complete) and not self.transport.is_closing():
            log.info("closing a connection whose request headers did not arrive in %ss", self.header_timeout)
            self.transport.close()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._headers_timer is not None:
            self._headers_timer.cancel()
        super().connection_lost(exc)


class Server(uvicorn.Server):
    """uvicorn's server; after SIGTERM (or Ctrl-C) the process ends within the drain
    window plus ``EXIT_GRACE_SECONDS``, whatever is still running."""

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if not self.should_exit:
            drain = self.config.timeout_graceful_shutdown or 0
            timer = threading.Timer(drain + EXIT_GRACE_SECONDS, _force_exit)
            timer.daemon = True
            timer.start()
        super().handle_exit(sig, frame)


def _force_exit() -> None:
    log.error("work still running %ss after the drain window: exiting now", EXIT_GRACE_SECONDS)
    logging.shutdown()
    os._exit(0)


def config(app: Any, host: str, port: int, log_level: str, drain: int) -> uvicorn.Config:
    """The uvicorn configuration of ``kamgraph serve`` (see the module docstring)."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        http=TimedH11Protocol,
        limit_concurrency=MAX_CONNECTIONS,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        timeout_graceful_shutdown=drain,
        lifespan="on",
    )

"""The error of a calendar, mailbox or interactions file that cannot be read."""

from __future__ import annotations


class MalformedFileError(ValueError):
    """A file that cannot be read, with where: ``file:line: reason`` (a calendar, a CSV file),
    ``file: message N: reason`` (a mailbox), or ``file: reason`` when no place is known.

    >>> str(MalformedFileError("team.ics", "DTSTART: wrong date-time", line=12))
    'team.ics:12: DTSTART: wrong date-time'
    >>> str(MalformedFileError("sent.mbox", "no Date header", message=3))
    'sent.mbox: message 3: no Date header'
    """

    def __init__(
        self, file: str, reason: str, *, line: int | None = None, message: int | None = None
    ) -> None:
        self.file = file
        self.reason = reason
        self.line = line
        self.message = message
        if line is not None:
            where = f"{file}:{line}: "
        elif message is not None:
            where = f"{file}: message {message}: "
        else:
            where = f"{file}: "
        super().__init__(where + reason)

"""Every error newsgraph raises on purpose derives from :class:`NewsgraphError`.

::

    NewsgraphError
     ├── InputError    one input (file, record, stdin) cannot be turned into a record
     ├── ConfigError   a setting is wrong: unknown model, bad date, bad option value
     └── EvalError     a gold set is missing or not in the expected format

The CLI turns each into one line on stderr (``newsgraph: <source>: <reason>``), never a traceback.
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class of newsgraph's own errors."""


class InputError(NewsgraphError):
    """One input could not be read or is not an article; ``source`` names it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self):  # keep both fields across process boundaries
        return (type(self), (self.source, self.reason))


class ConfigError(NewsgraphError):
    """A setting or option value is wrong."""


class EvalError(NewsgraphError):
    """A gold set is missing or malformed."""

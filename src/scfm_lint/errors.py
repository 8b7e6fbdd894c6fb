"""The exception tree: every error a user can cause is a ScfmLintError (exit 2)."""

from __future__ import annotations


class ScfmLintError(Exception):
    """An error in the user's input or invocation; reported as one line, exit code 2."""


class InputError(ScfmLintError):
    """A file to lint cannot be read: missing, a directory, not UTF-8, empty."""


class ConfigError(ScfmLintError):
    """A configuration file or option is malformed; the message names the file and key."""


class UsageError(ScfmLintError):
    """The command line is wrong (unknown rule code, bad option value)."""

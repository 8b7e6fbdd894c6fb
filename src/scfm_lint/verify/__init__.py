"""Paper verification: identifiers read off links, checked against their metadata services.

:mod:`~scfm_lint.verify.ids`, :mod:`~scfm_lint.verify.match`,
:mod:`~scfm_lint.verify.parsers`, :mod:`~scfm_lint.verify.settings` and
:mod:`~scfm_lint.verify.findings` are pure and cheap to import; only
:mod:`~scfm_lint.verify.http`, :mod:`~scfm_lint.verify.services` and
:mod:`~scfm_lint.verify.core` import aiohttp, and only the links path loads them.
"""

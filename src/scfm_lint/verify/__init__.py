"""Paper verification: identifiers read off links, checked against their metadata services.

Pure and cheap to import: :mod:`~scfm_lint.verify.ids` (identifiers from URLs),
:mod:`~scfm_lint.verify.match` (titles, years, venues), :mod:`~scfm_lint.verify.parsers`
(each service's answer format), :mod:`~scfm_lint.verify.judge` (the verdict),
:mod:`~scfm_lint.verify.record`, :mod:`~scfm_lint.verify.settings`,
:mod:`~scfm_lint.verify.cache` and :mod:`~scfm_lint.verify.findings` (SCF5xx findings).
Only :mod:`~scfm_lint.verify.http`, :mod:`~scfm_lint.verify.services` and
:mod:`~scfm_lint.verify.core` import aiohttp, and only the links path loads them.
"""

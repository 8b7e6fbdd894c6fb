"""The link checker: checks every http(s) link of a document over the network.

Only :mod:`scfm_lint.links.checker`, :mod:`~scfm_lint.links.safety` and the body of
:func:`scfm_lint.links.command.run` import aiohttp; the rest is pure and cheap to import.
"""

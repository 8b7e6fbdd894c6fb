"""Compose a new entry for a list (``scfm-lint add``): identifier, metadata, line, place.

Pure but for :mod:`~scfm_lint.compose.fetch`, the one module that imports aiohttp.
"""

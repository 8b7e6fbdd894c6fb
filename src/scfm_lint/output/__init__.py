"""Reporters: the only code that writes findings out."""

"""Offline checks, one family per module; each module registers its rules on import."""

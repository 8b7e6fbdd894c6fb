"""Applying fixes: the edits findings carry, taken pass by pass, written atomically."""

"""Paper-list knowledge: venues and what URLs say about papers."""

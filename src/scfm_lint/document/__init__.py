"""The document layer: README text to the Document model."""

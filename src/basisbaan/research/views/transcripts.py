"""Placeholder: filled in by the research pages."""

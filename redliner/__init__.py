"""Redliner: a desktop redlining editor for Word drafts."""

__version__ = "0.1.0"

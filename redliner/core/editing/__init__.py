"""Editing a draft with Track Changes on: typing, deleting, splitting and joining paragraphs, formatting.

Owns the paragraph text map (offsets as the Markup view shows them), the edits (each one journaled, so that
undo restores the exact XML), their JSON records for crash recovery, and keeping the change list in step
with an edit by re-reading only the paragraphs it touched. Imports `review`, `oxml`, `opc`, `errors` and
`wording`; never the comparison or the session.
"""

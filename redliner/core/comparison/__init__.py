"""Comparing versions and combining reviewers' copies into one review of native revisions.

Owns alignment, word and block diffs, revision marks, formatting/list/property diffs, merging edits of several
reviewers, and bringing parts, styles and lists from one package into another. Imports `review`, `oxml`,
`opc` and `errors`; never the session.
"""

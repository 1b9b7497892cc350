"""The review: changes, reading them from a document, deciding them, writing the result.

Owns the change model, `ReviewDocument`, the handler table of revision elements (`revisions`), marker rules,
seams, conflicts, the journal that makes every decision undoable, previews and the writers. Imports `oxml`,
`opc` and `errors`; never the comparison or the session.
"""

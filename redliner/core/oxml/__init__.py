"""WordprocessingML helpers (python-docx's `oxml`): namespaces, element helpers and the text of runs.

Owns the one-walk reader (`walk`), styles, numbering, footnote numbers, views of a paragraph's runs (`runmap`)
and fast text (`quicktext`). Imports only `opc` and `errors`; knows nothing of changes or decisions.
"""

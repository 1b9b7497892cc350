"""The package layer: the .docx as a zip of parts (python-docx's `opc`).

Owns reading a package safely (size and zip-bomb limits, no DTDs), its parts and relationships, content types,
adding parts, and atomic writes. Imports nothing of the core but `errors`; knows nothing of WordprocessingML.
"""

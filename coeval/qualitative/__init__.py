"""The pure qualitative-analysis core: no Django imports anywhere below this package.

- ``model``: the in-memory project (codes, sources, selections, codings, cases, notes, sets).
- ``themes``: themes, the reflexive journal and the phases of thematic analysis.
- ``refi``: REFI-QDA exchange (.qdpx projects, .qdc codebooks), safe against hostile files.
"""

"""The text layer: documents, blocks, places, directives, patterns.

Importing it first fills ``regex``'s cache of compiled patterns from the snapshot of the patterns
factlint's modules compile when imported (:func:`factlint.text.snapshots.install_patterns`), so
that those modules' ``regex.compile`` calls are look-ups."""

from factlint.text.snapshots import install_patterns

install_patterns()

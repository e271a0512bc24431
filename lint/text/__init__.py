"""The text layer: documents, blocks, places, directives, patterns.

Importing it arranges for ``regex``'s cache of compiled patterns to be filled from the snapshot of
the patterns factlint's modules compile when imported, as soon as ``regex`` is imported
(:func:`factlint.text.snapshots.install_patterns_with_regex`), so that those modules'
``regex.compile`` calls are look-ups; a run that needs no ``regex`` does not import it."""

from factlint.text.snapshots import install_patterns_with_regex

install_patterns_with_regex()

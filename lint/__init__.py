"""factlint: a fact-consistency linter for Chinese reports."""

__version__ = "0.1.0"

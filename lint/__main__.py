"""``python -m factlint``."""

import sys

from factlint.cli import main

sys.exit(main())

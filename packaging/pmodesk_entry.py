"""Entry point of the frozen application: the same ``pmodesk`` command as the wheel's."""

from __future__ import annotations

import multiprocessing
import sys

from pmodesk.launcher import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())

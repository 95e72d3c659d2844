"""Allow ``python -m pmodesk``."""

from pmodesk.launcher import main

raise SystemExit(main())

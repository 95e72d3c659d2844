"""pmodesk: a desktop application for a Project Management Office.

The version below is the single source of truth: the wheel, ``--version``,
the About dialog, the packaged bundle and the AppStream metainfo all read it.
"""

__version__ = "0.1.0"
APP_NAME = "pmodesk"
APP_DISPLAY_NAME = "pmodesk"
ORGANISATION = "pmodesk"

"""Subcommands templates: the template library from a terminal (issue 6)."""

from __future__ import annotations

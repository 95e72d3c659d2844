"""Subcommands import: take workbooks in (issue 7)."""

from __future__ import annotations

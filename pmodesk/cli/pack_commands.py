"""Subcommands pack: the governance review pack as PDF (issue 9)."""

from __future__ import annotations

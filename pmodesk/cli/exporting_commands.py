"""Subcommands export and status-requests: workbooks out (issue 8)."""

from __future__ import annotations

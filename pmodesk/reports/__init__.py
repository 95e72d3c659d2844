"""The governance review pack (reportlab platypus): its sections, charts and fonts."""

"""Use cases: one module per job a user does. Each takes a session and plain values."""

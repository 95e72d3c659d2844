"""The domain's errors: the shared user-facing errors of :mod:`pmodesk.errors`."""

from pmodesk.errors import ConflictError, DomainError, NotFoundError, ValidationError

__all__ = ["ConflictError", "DomainError", "NotFoundError", "ValidationError"]

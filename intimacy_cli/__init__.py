"""intimacy: a private, offline self-assessment about emotional intimacy."""

__version__ = "0.1.0"

"""intimacy: a private, offline self-assessment about emotional intimacy."""

__version__ = "0.1.0"
DEFAULT_BANK = "emotional-intimacy"  # the question set `intimacy check` asks when none is named

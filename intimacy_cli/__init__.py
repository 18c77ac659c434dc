"""intimacy: a private, offline self-assessment about emotional intimacy."""

__version__ = "0.2.0"
DEFAULT_BANK = "emotional-intimacy"  # the question set `intimacy check` asks when none is named
LARGEST_RESULT_ID = 2**63 - 1  # SQLite's largest row id: a history number is at most this

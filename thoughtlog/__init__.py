"""thoughtlog: CBT thought records and behavioural experiments, kept privately in SQLite."""

__version__ = "0.1.0"

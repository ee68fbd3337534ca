"""Data files: lexicons, stoplists, labels, month names and models (see README.md)."""

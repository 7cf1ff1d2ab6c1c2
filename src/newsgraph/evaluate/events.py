"""Evaluation of the events stage (work in progress; see issue 5)."""

"""Evaluation of the times stage (work in progress; see issue 5)."""

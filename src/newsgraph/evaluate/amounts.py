"""Evaluation of the amounts stage (work in progress; see issue 5)."""

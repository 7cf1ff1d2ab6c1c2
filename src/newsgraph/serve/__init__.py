"""``newsgraph serve``: an HTTP API and web pages over the corpus store (see :mod:`newsgraph.serve.app`)."""

from .app import create_app

__all__ = ["create_app"]

"""uContact Integra client (seed 001): ``UContactClient`` and ``AsyncUContactClient`` (log in on
first use, ``Authorization: Basic <key>`` on every call, the session always ended), the generic
``request`` for the Integra resources, and :func:`end_session` for a key another process holds.
The requests and their readers are data in :mod:`.api`; ``python -m bridge ucontact`` is :mod:`.cli`."""

from .client import AsyncUContactClient, UContactClient, end_session

__all__ = ["AsyncUContactClient", "UContactClient", "end_session"]

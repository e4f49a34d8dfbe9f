"""Checking a call's arguments against the spec before it may reach the component."""

from __future__ import annotations

from .argtypes import Nullable
from ..errors import invalid_argument
from .spec import Method


class _Omitted:
    """An argument the caller left out (JavaScript ``undefined``), as opposed to ``null``."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "OMITTED"

    def __bool__(self) -> bool:
        return False


OMITTED = _Omitted()


def validate_arguments(method: Method, args: list) -> list:
    """Check ``args`` (positional, :data:`OMITTED` where left out) and return them normalised.

    Normalised means: integers as ``int``, ``null`` for an optional parameter that gives null
    no meaning turned into OMITTED (JavaScript callers write ``dial(n, null, 2)`` for "no
    queue"), and trailing omitted arguments dropped, so the component sees the same
    ``arguments.length`` a hand-written call would give it.

    :raises BridgeError: ``INVALID_ARGUMENT`` naming the method and the parameter.
    """
    if not isinstance(args, list):
        raise invalid_argument(f"{method.name}: arguments must be a list")
    if len(args) > len(method.params):
        raise invalid_argument(
            f"{method.name} takes at most {len(method.params)} argument{'s' if len(method.params) != 1 else ''}, "
            f"got {len(args)}")
    checked = []
    named = {}
    for index, param in enumerate(method.params):
        value = args[index] if index < len(args) else OMITTED
        if value is None and param.optional and not isinstance(param.type, Nullable):
            value = OMITTED
        if value is OMITTED:
            if not param.optional:
                raise invalid_argument(f"{method.name}: {param.name} is required")
        else:
            value = param.type.check(value, f"{method.name}: {param.name}")
        checked.append(value)
        named[param.name] = None if value is OMITTED else value
    if method.refine is not None:
        method.refine(named)
    while checked and checked[-1] is OMITTED:
        checked.pop()
    return checked

"""The session's docstring is the protocol between the shim and the runtime: every message
kind the session reads or writes is in it (a kind added without its line fails here)."""

import ast
import inspect

from bridge.component import session


def kinds_in_the_code() -> set[str]:
    tree = ast.parse(inspect.getsource(session))
    found = set()
    for node in ast.walk(tree):
        # kind == "call" (what it reads) and {"t": "invoke", ...} (what it writes)
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Name) and node.left.id == "kind":
            found |= {c.value for c in node.comparators if isinstance(c, ast.Constant) and isinstance(c.value, str)}
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and key.value == "t" and isinstance(value, ast.Constant):
                    found.add(value.value)
    return found


def test_the_docstring_lists_every_message_kind():
    kinds = kinds_in_the_code()
    assert {"call", "callback", "result", "frame", "sync", "invoke", "reject", "event", "frame-reply",
            "frame-action", "frame-welcome", "synced"} <= kinds
    documented = session.__doc__
    # Port-channel message kinds ("subscribe", "call" on a channel...) are the frame SDK's, not the shim's.
    missing = sorted(k for k in kinds if f'"t": "{k}"' not in documented and f'"{k}"' not in documented)
    assert missing == []

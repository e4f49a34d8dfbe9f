"""The REST clients' tests. This folder is on sys.path for them (pytest's prepend import mode puts
a conftest's folder there), so the vendors' folders share its helpers: ``endpoint_coverage``.

webhooks/ is put there too, so that ``webhook_helpers`` (the receivers' shared test helpers) is
one module imported by one name, from its own tests and from the vendors' helper modules alike."""

import sys
from pathlib import Path

_WEBHOOKS = str(Path(__file__).resolve().parent / "webhooks")
if _WEBHOOKS not in sys.path:
    sys.path.insert(0, _WEBHOOKS)

"""The Acme CRM's WSGI application: Django, with two WSGI apps of the bridge mounted in front:

- ``/static/agent-bridge/<bridge.__version__>/``: the browser files (``bridge.serving.BrowserFiles``);
- ``/hooks``: the Udesk subscription receiver (``acme_crm.events.receiver``); the subscription's
  callback is the CRM's public URL + ``/hooks`` + ``receiver.path`` (it holds the secret token).
"""

import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "acme_django.settings")
django_application = get_wsgi_application()

from django.conf import settings  # noqa: E402 - after the setup get_wsgi_application did

import bridge  # noqa: E402
from bridge.serving import BrowserFiles  # noqa: E402

from acme_crm.events import HOOKS_PREFIX, receiver  # noqa: E402

from .mounts import mount  # noqa: E402

BRIDGE_PREFIX = f"/static/agent-bridge/{bridge.__version__}"
# AGENT_BRIDGE_DIST None: the build packaged in the wheel (bridge.serving.browser_files()).
dist = Path(settings.AGENT_BRIDGE_DIST) if settings.AGENT_BRIDGE_DIST else None
application = mount(django_application, {
    BRIDGE_PREFIX: BrowserFiles(dist),
    HOOKS_PREFIX: receiver,
})

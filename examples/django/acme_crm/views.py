"""The CRM's views: its page (behind Django's login), the SSO token endpoint and the call-record
API. CSRF is Django's own (``CsrfViewMiddleware``: the ``csrftoken`` cookie and the
``X-CSRFToken`` header the page sends with its token request; a foreign ``Origin`` is refused).
The API answers 401 in JSON rather than redirecting to the login form: a script asked."""

from __future__ import annotations

import re
import threading

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_POST

import bridge
from bridge.clients.errors import ApiError, InvalidArgument, NotFoundError
from bridge.clients.ucs import UcsClient
from bridge.sso import make_token, read_token

# "the UNIX timestamp of the start of the call and the dot-separated number of the call" (UCS).
UNIQUEID = re.compile(r"[0-9]{1,12}\.[0-9]{1,9}")
_clients: dict[tuple, UcsClient] = {}
_clients_lock = threading.Lock()


def ucs_client() -> UcsClient:
    """The UCS REST client for the current settings (one per process; thread-safe and pooled)."""
    key = (settings.UCS_URL, settings.UCS_CLIENT_ID, settings.UCS_CLIENT_SECRET)
    with _clients_lock:
        if key not in _clients:
            _clients[key] = UcsClient(key[0], client_id=key[1], client_secret=key[2])
        return _clients[key]


def close_ucs_clients() -> None:
    """Close the UCS clients (their connections): at the process's end, or after a settings change."""
    with _clients_lock:
        clients = list(_clients.values())
        _clients.clear()
    for client in clients:
        client.close()


def _not_signed_in() -> JsonResponse:
    return JsonResponse({"error": "not signed in to the CRM"}, status=401)


@require_GET
@login_required
def index(request):
    username = request.user.get_username()
    response = render(request, "acme_crm/index.html", {
        "username": username, "phone": settings.CRM_PHONES.get(username, ""),
        "bridge_js": f"/static/agent-bridge/{bridge.__version__}/agent-bridge.js"})
    # The page that includes agent-bridge.js revalidates; the versioned files are cached for a year.
    patch_cache_control(response, no_cache=True)
    return response


@require_POST
@csrf_protect
@never_cache
def sso_token(request):
    """A token for the signed-in user, minted here with the secret from the settings (the
    environment); as bridge.sso's WSGI endpoint answers: ``{username, token, timestamp}``."""
    if not request.user.is_authenticated:
        return _not_signed_in()
    # JSON only, as the bridge sends it: a form post from another page cannot be JSON.
    if request.content_type != "application/json":
        return JsonResponse({"error": "send Content-Type: application/json"}, status=415)
    username = request.user.get_username()
    token = make_token(settings.AGENT_BRIDGE_SSO_SECRET, username)
    return JsonResponse({"username": username, "token": token, "timestamp": read_token(token, username).timestamp})


@require_GET
@never_cache
def call_record(request, uniqueid: str):
    if not request.user.is_authenticated:
        return _not_signed_in()
    if not UNIQUEID.fullmatch(uniqueid):
        return JsonResponse({"error": "a uniqueid is digits.digits (e.g. 1723018607.115)"}, status=400)
    try:
        record = ucs_client().call_record(uniqueid)
    except NotFoundError:
        return JsonResponse({"error": f"UCS knows no call {uniqueid}"}, status=404)
    except (ApiError, InvalidArgument) as error:  # the client's whole error tree
        # Not the client's message: it names UCS's URL, which the browser has no use for.
        return JsonResponse({"error": f"UCS did not answer for call {uniqueid} ({error.code})"}, status=502)
    return JsonResponse({"uniqueid": record.uniqueid, "duration": record.duration, "recording": record.recording,
                         "cause": record.cause, "metadata": record.metadata})

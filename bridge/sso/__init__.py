"""Single sign-on for the UCS component, on the CRM's server: tokens (:mod:`~bridge.sso.tokens`),
the WSGI token endpoint (:mod:`~bridge.sso.endpoint`) and the ``sso-token`` command
(:mod:`~bridge.sso.cli`). The secret lives here, so nothing of this package is shipped to the
browser: the page only fetches a token from the endpoint and hands it to the component.
"""

from .endpoint import SECRET_ENV, cross_site_refusal, make_sso_app
from .tokens import (SsoTokenError, SsoTokenExpiredError, SsoTokenSignatureError, SsoTokenUserError, TokenContents,
                     make_token, read_token, verify_token)

__all__ = ["SECRET_ENV", "SsoTokenError", "SsoTokenExpiredError", "SsoTokenSignatureError", "SsoTokenUserError",
           "TokenContents", "cross_site_refusal", "make_sso_app", "make_token", "read_token", "verify_token"]

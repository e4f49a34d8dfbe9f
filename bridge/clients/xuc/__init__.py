"""XiVO XUC REST API 2.0 client (seed 004): ``XucClient`` and ``AsyncXucClient`` on the core
(renewal through /auth/check before expiry, 403 TokenExpired as expiry, ACLs checked before a
call is sent), the login kinds of :mod:`.credentials`, the records of :mod:`.models`, and the
deprecated 1.0 API behind ``legacy_api=True``. The requests are data in :mod:`.operations`."""

from .api import Claims
from .client import AsyncXucClient, LegacyApi, XucClient
from .credentials import Cas, CtiUser, Kerberos, Oidc, WebServiceUser
from .models import (Contact, ContactEntry, ContactImport, ContactList, HistoryEntry, ImportFailure, LoginAnswer,
                     Qualification, SubQualification)

__all__ = ["AsyncXucClient", "Cas", "Claims", "Contact", "ContactEntry", "ContactImport", "ContactList", "CtiUser",
           "HistoryEntry", "ImportFailure", "Kerberos", "LegacyApi", "LoginAnswer", "Oidc", "Qualification",
           "SubQualification", "WebServiceUser", "XucClient"]

"""The Janrain / Akamai Identity Cloud tenant that both audit-log generators simulate.

What the tenant is made of, as named values: the columns of a raw record (contract
version 1, `raw_audit_log.md`), the apps and their clients, the endpoints, the event
names and what the contract makes of them, the attributes a profile edit changes, the
identity providers, the user agents and addresses, and the diurnal curve of activity.

`generate_audit_log.py` (the demo seed and its truth, record by record in Python) and
`generate_audit_log_at_scale.py` (hourly Parquet files of any size, in DuckDB SQL) both
read these values, so the two logs speak the same vocabulary. How records are put
together (pairs, stories, timing, bad input) is each generator's own business.

Changing a value here changes the output of both generators, the demo seed and its
truth included (`make data` writes them again).
"""
from __future__ import annotations

# The 16 text columns of a raw record, in file order.
COLUMNS = [
    "log_id", "logged_at", "event_name", "app_id", "client_id", "endpoint", "user_uuid",
    "identity_provider", "changed_attributes", "deactivate_account", "batch_id",
    "sso_session_id", "ip_address", "user_agent", "failure_reason", "ingested_at",
]

MAIN_APP = "acmebrandapp0000000000000a"
FOUNDING_APP = "foundingexampleapp00000000"  # the founding example, in the demo only


def _client_id(name: str, tail: str) -> str:
    return name + "0" * (32 - len(name) - len(tail)) + tail


# Clients of MAIN_APP (site A and site B are web sites in one SSO federation; the
# console's agents have no client id), then those of FOUNDING_APP.
CLIENT = {
    "siteA": _client_id("acmesiteaweb", "a"), "siteB": _client_id("acmesitebweb", "b"),
    "mobile": _client_id("acmemobileapp", "m"), "backend": _client_id("acmebackend", "e"),
    "importer": _client_id("acmeimporter", "i"), "console": "",
    "foundingsite": _client_id("foundingsite", "f"),
    "foundingimporter": _client_id("foundingimporter", "i"),
}

# Endpoints. Interactive ones by (client kind, sign-in method, action); the console's
# records have no endpoint.
ENDPOINT = {
    ("web", "traditional", "register"): "/widget/traditional_register.jsonp",
    ("web", "social", "register"): "/widget/social_register.jsonp",
    ("web", "traditional", "signin"): "/widget/traditional_signin.jsonp",
    ("web", "social", "signin"): "/widget/social_signin.jsonp",
    ("mobile", "traditional", "register"): "/oauth/register_native_traditional",
    ("mobile", "social", "register"): "/oauth/register_native",
    ("mobile", "traditional", "signin"): "/oauth/auth_native_traditional",
    ("mobile", "social", "signin"): "/oauth/auth_native",
}
EP_EDIT, EP_SSO = "/widget/update_profile.jsonp", "/sso/check_session"
EP_CREATE, EP_BULK, EP_UPDATE = "/entity.create", "/entity.bulkCreate", "/entity.update"
EP_REPLACE, EP_DELETE = "/entity.replace", "/entity.delete"
EP_VERIFY = {"web": "/widget/verify_email.jsonp", "mobile": "/oauth/verify_email_native"}
EP_RECOVER = {"web": "/widget/forgot_password.jsonp", "mobile": "/oauth/forgot_password_native"}

# The contract's event names: canonical events by event type, and the excluded ones by
# exclusion reason (section 4).
EVENT_TYPE = {
    "legacy_traditional_registration": "signin.traditional_register",
    "legacy_traditional_signin": "signin.traditional",
    "legacy_social_registration": "signin.social_register",
    "legacy_social_signin": "signin.social",
    "sso_signin": "signin.sso", "entityCreated": "entity_create",
    "entityUpdated": "entity_update", "entityDeleted": "entity_delete",
}
EXCLUSION = {
    "authenticationFailedKnownUser": "failed_signin",
    "authenticationFailedUnknownUser": "failed_signin",
    "new_email_verification": "email_verification", "password_recover": "password_recover",
}

PROVIDERS = ["facebook", "google", "apple", "microsoft", "amazon", "twitter", "linkedin"]
PROVIDER_WEIGHTS = [30, 30, 12, 8, 8, 6, 6]

# `changed_attributes` of profile edits, by where the edit comes from.
WIDGET_EDITS = ["givenName|familyName", "mobileNumber", "birthday", "displayName", "gender",
                "primaryAddress.city|primaryAddress.zip", "email", "optIn.status"]
API_EDITS = ["emailVerified", "optIn.status|optIn.date", "primaryAddress.country",
             "consents.marketing.granted|consents.marketing.updated", "externalId", "loyaltyTier"]
CONSOLE_EDITS = ["email", "givenName", "emailVerified", "familyName|displayName"]

# Relative activity by hour of the user's local day (0..23).
DIURNAL = [2, 1, 1, 1, 1, 2, 4, 7, 9, 9, 9, 9, 10, 9, 9, 9, 9, 10, 12, 13, 12, 9, 6, 3]

# User agents of the web sites and of the mobile app (some with commas, quotes and
# non-ASCII text), with their weights; the back end's and the importer's.
WEB_UA = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/122.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.3 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148",
    'Mozilla/5.0 (compatible; "Kiosk, Lobby 2"; Windows NT 10.0)',  # commas and quotes
    "Mozilla/5.0 (Linux; Android 14; Zoë's Pixel 8 📱) AppleWebKit/537.36 Chrome/122.0",
]
WEB_UA_WEIGHTS = [30, 25, 15, 20, 2, 2]
MOBILE_UA = [
    "janrain-ios-sdk/5.2 AcmeApp/3.4.1 (iPhone15,2; iOS 17.3)",
    "janrain-android-sdk/5.1 AcmeApp/3.4.0 (SM-S918B; Android 14)",
    'AcmeApp/3.5.0-beta "dogfood" (iPad; iPadOS 17.2) janrain-ios-sdk/5.2',
    "AcmeApp/3.4.1 (Android 13; 小米 13 🚀) janrain-android-sdk/5.1",
]
MOBILE_UA_WEIGHTS = [50, 44, 3, 3]
BACKEND_UA, IMPORTER_UA = "capture-backend/2.1", "capture-dataload/1.4"

# Users' addresses come from the documentation ranges (RFC 5737): `<network>.<1..254>`.
IP_NETWORKS = ["192.0.2", "198.51.100", "203.0.113"]

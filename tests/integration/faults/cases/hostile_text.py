"""6. Hostile text: values that break naive readers and writers, one carrier per output column."""

from __future__ import annotations

from datetime import datetime, timedelta

from ..records import IMPORTER, MOBILE, SIGNIN_WIDGET, SITE_A, later, record, user, z

TEXT_APP = "faulthostiletextapp0000000"
TEXT_BASE = datetime(2026, 3, 14, 9, 0)
LONG = "<" + "long,\"value\"\r\n\tα" * 6250 + ">"  # 100 002 characters
FORMATS = ("csv", "parquet", "jsonl")

# name -> value; none reads as an e-mail or an IP address. Only "padded" has
# surrounding whitespace: it must arrive trimmed, everything else byte for byte.
HOSTILE = {
    "double quotes": 'say "hello" and ""bye"" "',
    "commas": "a,b,,c,",
    "LF inside": "line one\nline two",
    "CR inside": "line one\rline two",
    "CRLF inside": "line one\r\nline two",
    "mixed breaks": "a\n\r\nb\r\rc\n\nd",
    "accents": "Ångström café naïve Ørsted",
    "CJK": "日本語テキスト 中文字符 한국어",
    "RTL": "مرحبا بالعالم שלום עולם",
    "RTL override": "abc\u202edef\u202cghi",
    "combining marks": "e\u0301 a\u0308 n\u0303 (decomposed, not normalised)",
    "ZWJ sequences": "👩\u200d💻 and 👨\u200d👩\u200d👧\u200d👦",
    "emoji": "🎉🚀 smile 😀 flag 🇫🇷",
    "formula cmd": "=cmd|' /C calc'!A0",
    "formula plus": "+SUM(1)",
    "formula at": "@x",
    "formula minus": "-1+1",
    "tab inside": "a\tb\tc",
    "control characters": "a\x01b\x07c\x1bd\x7fe\x0bf\x0cg",
    "backslashes": "C:\\path\\to \\N \\n \\\"",
    "null words": "NULL",
    "comment mark": "# not a comment",
    "very long": LONG,
    "padded": "   padded value\t x   ",
}
# The columns of audit_log_rejects the reject carrier fills with the value.
REJECT_TEXT_COLUMNS = (
    "event_name", "app_id", "user_uuid", "client_id", "endpoint", "changed_attributes",
    "identity_provider", "deactivate_account", "batch_id", "sso_session_id", "failure_reason",
)


def expected_text(value: str) -> str:
    return value.strip(" ")


def text_rows() -> tuple[list[dict[str, str]], dict[str, dict[str, str]]]:
    """Six records per hostile value, one per output column that carries it.

    Returns the rows and, per value name, the log_ids of its carriers.
    """
    rows: list[dict[str, str]] = []
    carriers: dict[str, dict[str, str]] = {}
    for number, (name, value) in enumerate(HOSTILE.items()):
        at = TEXT_BASE + timedelta(minutes=number)
        uuid = user("tx", number)
        ids = dict(
            edit=f"tx-{number:02d}-edit", signin=f"tx-{number:02d}-signin",
            login=f"tx-{number:02d}-login", bulk=f"tx-{number:02d}-bulk",
            failed=f"tx-{number:02d}-failed", reject=f"tx-{number:02d}-reject:{value}",
        )
        carriers[name] = ids
        ingested = z(at + timedelta(seconds=30))
        common = dict(app_id=TEXT_APP, ingested_at=ingested)
        rows.append(record(ids["edit"], z(at), user_uuid=uuid, client_id=value,
                           changed_attributes=value, **common))
        social = dict(user_uuid=uuid, client_id=MOBILE, endpoint="/oauth/auth_native", **common)
        rows.append(record(ids["signin"], z(at), "legacy_social_signin",
                           identity_provider=value, sso_session_id=value, **social))
        rows.append(record(ids["login"], z(at + timedelta(seconds=1)),
                           changed_attributes="lastLogin", **social))
        rows.append(record(ids["bulk"], z(at), "entityCreated", user_uuid=user("tb", number),
                           client_id=IMPORTER, endpoint="/entity.bulkCreate", batch_id=value,
                           **common))
        rows.append(record(ids["failed"], z(at), "authenticationFailedKnownUser",
                           user_uuid=uuid, client_id=SITE_A, endpoint=SIGNIN_WIDGET,
                           failure_reason=value, **common))
        rows.append(record(
            ids["reject"], z(at), value, ingested_at=ingested, app_id=value, user_uuid=value,
            client_id=value, endpoint=value, changed_attributes=value, identity_provider=value,
            deactivate_account=value, batch_id=value, sso_session_id=value,
            failure_reason=value,
        ))
    return rows, carriers


TEXT_ROWS, TEXT_CARRIERS = text_rows()
# The same records re-delivered an hour later, written another legal way.
TEXT_REDELIVERED = [later(row, 3600) for row in TEXT_ROWS]

"""Schemathesis hooks of `cargo xtask test` (loaded through SCHEMATHESIS_HOOKS).

Schemathesis draws `Idempotency-Key` values from its schema, so short keys such as "0" come back
again and again with different requests, and Kyra rightly answers the reuse with
`422 idempotency_key_reused`. That is correct, but it would hide every other answer of the POST
routes behind the same 422. Well-formed keys are therefore made unique per request; malformed
ones are left alone so the server's refusal of them is still exercised. Key reuse itself is
covered by server/tests/idempotency.rs.
"""

import itertools
import re

import schemathesis

_COUNTER = itertools.count()
_WELL_FORMED = re.compile(r"[\x21-\x7e]{1,255}")


@schemathesis.hook
def before_call(context, case, kwargs):
    # Every phase goes through here (generation hooks miss the coverage phase's cases).
    key = (case.headers or {}).get("Idempotency-Key")
    if isinstance(key, str) and _WELL_FORMED.fullmatch(key):
        case.headers["Idempotency-Key"] = f"st{next(_COUNTER)}-{key}"[:255]

"""Every (method, URI) of the XUC seed has an operation, and no operation is outside the seed.

The pairs are tests/data/xuc_rest_endpoints.txt (its header says how they were extracted). Each
public function of bridge/clients/xuc/operations.py that returns a call is built with sample
arguments, each login kind builds its login and XucApi its renewal; a placeholder stands for
exactly one path segment.
"""

import inspect
import re
from pathlib import Path

import endpoint_coverage as coverage
import pytest

from bridge.clients.calls import Call
from bridge.clients.redaction import Redactor
from bridge.clients.tokens import Token
from bridge.clients.xuc import Cas, CtiUser, Kerberos, Oidc, WebServiceUser
from bridge.clients.xuc import operations as ops
from bridge.clients.xuc.api import XucApi

SEED = Path("/work/shared/seeds/004_05f585b9fd9fe441.txt")

SAMPLES = {"contact_id": "28079dc0-2c6b-4332-9075-61da9229389f", "fields": {"lastname": "john"},
           "csv_text": "lastname\njohn\n", "queue_id": 42, "answer": {"callid": "callid1"}, "start": "home",
           "end": "office", "push_token": "1234-5678", "user": "jbond", "destination": "0123456789",
           "variables": None, "target": "drno", "queue_name": "support", "caller_id_number": "0403010200",
           "state": True, "kind": "busy", "enabled": True, "size": 10, "days": 10, "list_uuid": "1",
           "domain": "avencall.com", "password": "pw", "number": "1101", "caller_id_name": "Thomas",
           "agent_phone_number": "1000", "agent_number": "2000", "phone": "1000"}


def seed_endpoints() -> set[tuple[str, str]]:
    pairs = coverage.seed_endpoints("xuc_rest_endpoints.txt")
    assert len(pairs) == 43, "30 pairs of the 2.0 tables, the qualifications' GET curl and 12 of the 1.0 curl lines"
    return pairs


def operation_calls() -> dict[str, Call]:
    calls = {}
    for credentials in (CtiUser("u", "p"), WebServiceUser("u", "p"), Kerberos("Negotiate abc"), Cas("https://cas", "ST-1"),
                        Oidc("tok")):
        calls[f"login.{credentials.kind}"] = credentials.login_call(lambda reply: None)
    calls["renew"] = XucApi("https://xuc.test", CtiUser("u", "p"), Redactor()).renew(Token("t" * 10))
    for name, function in vars(ops).items():
        if name.startswith("_") or not inspect.isfunction(function) or function.__module__ != ops.__name__:
            continue
        if not str(inspect.signature(function).return_annotation).endswith("Call"):
            continue
        params = inspect.signature(function).parameters
        arguments = {p: SAMPLES[p] for p in params if p not in ("size", "days") or name != "legacy_history"}
        if name == "legacy_history":
            arguments["size"] = 10
        if name.startswith("legacy_forward") or name == "set_forward":
            for kind in ("unconditional", "noanswer", "busy"):
                calls[f"{name}.{kind}"] = function(**{**arguments, "kind": kind})
            continue
        calls[name] = function(**arguments)
    return calls


def test_the_data_file_is_the_seeds_pairs():
    if not SEED.exists():
        pytest.skip("the seed is on the project's machine only; the copy is what the other tests read")
    text = SEED.read_text(encoding="utf-8").splitlines()
    pairs = set()
    for a, b in zip(text, text[1:]):
        m, u = re.fullmatch(r"Method \| (\w+) \|", a), re.fullmatch(r"URI \| (\S+) \|", b)
        if m and u:
            pairs.add((m[1], "/xuc/api/2.0" + re.sub(r"^http://localhost:\$\{XUC_PORT\}/xuc/api/2\.0", "", u[1])))
    for line in text:
        m = re.search(r"-X ?(GET|POST).*?http://localhost:8090(/xuc/api/1\.0/[^?\s]*)", line)
        if m:
            pairs.add((m[1], m[2].replace("avencall.com", "<domain>")))
    assert "curl -X GET http://localhost:8090/xuc/api/2.0/call_qualification \\" in text
    pairs.add(("GET", "/xuc/api/2.0/call_qualification"))
    assert pairs == seed_endpoints()


def test_every_seed_endpoint_has_an_operation():
    assert coverage.missing(operation_calls(), seed_endpoints()) == []


def test_no_operation_is_outside_the_seed():
    assert coverage.outside(operation_calls(), seed_endpoints()) == {}


def test_a_placeholder_is_one_segment():
    pattern = coverage.template_pattern("/xuc/api/2.0/dnd/${USERNAME}")
    assert pattern.fullmatch("/xuc/api/2.0/dnd/jbond")
    assert not pattern.fullmatch("/xuc/api/2.0/dnd/a/b") and not pattern.fullmatch("/xuc/api/2.0/dnd/")

"""``python -m bridge udesk ...`` in a process of its own, against the fake served on a port: the
command is wired into the package's entry point, and the environment is all it reads."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]


def test_python_m_bridge_udesk(udesk_fake_server):
    fake = udesk_fake_server
    env = {key: value for key, value in os.environ.items() if not key.startswith("UDESK_")}
    env.update(UDESK_URL=fake.url, UDESK_SID=fake.sid, UDESK_AUTH_TOKEN=fake.auth_token, UDESK_APP_ID=fake.app_id,
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "bridge", "udesk", "agents", "list", "--json", "--role", "leader"],
                          env=env, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert (done.returncode, done.stderr) == (0, "")
    assert [json.loads(line)["AgentId"] for line in done.stdout.splitlines()] == ["1802"]
    assert fake.auth_token not in done.stdout
    assert [r.authorized for r in fake.requests] == [True]


def test_python_m_bridge_udesk_exit_code(udesk_fake_server):
    env = {key: value for key, value in os.environ.items() if not key.startswith("UDESK_")}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run([sys.executable, "-m", "bridge", "udesk", "queues", "list"], env=env, capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 2 and done.stdout == ""
    assert "UDESK_URL, UDESK_SID, UDESK_AUTH_TOKEN, UDESK_APP_ID" in done.stderr

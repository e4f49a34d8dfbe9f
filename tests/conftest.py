"""Shared pytest configuration.

Browser tests run in a real Chromium. Playwright's own browser download does not work on
every machine (no internet), so the executable is configurable: AGENT_BRIDGE_CHROMIUM, else
Debian's /usr/bin/chromium when present, else Playwright's bundled browser.
"""

import os
import shutil

import pytest

QUIET_CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Without this Chromium itself still looks up update and account hosts.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


def chromium_executable():
    """The Chromium binary to drive, or None for Playwright's bundled one."""
    configured = os.environ.get("AGENT_BRIDGE_CHROMIUM")
    if configured:
        return configured
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Extend the plugin's dict (it carries --headed, slow_mo...), never replace it.
    args = dict(browser_type_launch_args)
    executable = chromium_executable()
    if executable:
        args["executable_path"] = executable
    args["args"] = list(args.get("args") or []) + QUIET_CHROMIUM_ARGS
    return args

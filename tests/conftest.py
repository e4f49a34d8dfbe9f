"""Shared pytest configuration.

Browser tests run in a real Chromium, chosen by the testing kit's plugin
(bridge/testing/plugin.py): AGENT_BRIDGE_CHROMIUM, else Playwright's own browser when it is
installed, else Debian's chromium from the PATH. Here we only quiet it down.
"""

import os
import shutil

import pytest

# pytester runs the testing kit in a project of its own (tests/browser/test_testing_kit.py).
pytest_plugins = ["pytester"]

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
    """The Chromium binary for the benchmark scripts (outside pytest), or None for Playwright's."""
    return os.environ.get("AGENT_BRIDGE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Extend the plugins' dict (it carries --headed, slow_mo, the executable...), never replace it.
    args = dict(browser_type_launch_args)
    args["args"] = list(args.get("args") or []) + QUIET_CHROMIUM_ARGS
    return args


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # pytest groups tests by their session-scoped parameters (pytest-playwright's browser), which
    # moved some unit folders after the browser tests; there Playwright's sync API keeps an event
    # loop running in the main thread, and a unit test's asyncio.run() fails. The README's order
    # is restored (stable: within a group, pytest's own order stays): unit, browser, example CRM,
    # packaging (testpaths' order).
    paths = [str((config.rootpath / path).resolve()) for path in config.getini("testpaths")]

    def group(item) -> int:
        where = str(item.path)
        return next((n for n, path in enumerate(paths) if where.startswith(path)), len(paths))

    items.sort(key=group)

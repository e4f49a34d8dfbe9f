"""The plugin's agent_bridge_dist: --agent-bridge-dist, else the ini option, else the build the
installed wheel carries (bridge.serving.browser_files()), else <rootdir>/dist.

In-process, so the packaged build can be a folder of the test's; pytest-playwright stays out
of the inner run (its soft assertions do not nest in the outer one's).
"""

import re

import pytest

from bridge import serving

WHERE = """
def test_where(agent_bridge_dist):
    print("DIST=" + str(agent_bridge_dist))
"""


def a_build(folder):
    folder.mkdir(parents=True)
    (folder / "agent-bridge.js").write_text("/*! agent-bridge */")
    return folder


@pytest.fixture
def project(pytester, tmp_path_factory, monkeypatch):
    pytester.makepyfile(test_where=WHERE)
    packaged = a_build(tmp_path_factory.mktemp("site-packages") / "bridge" / "dist")
    monkeypatch.setattr(serving, "PACKAGED", packaged)
    return packaged


def where(result) -> str:
    result.assert_outcomes(passed=1)
    return re.search(r"DIST=(\S+)", result.stdout.str()).group(1)


def test_the_packaged_build_by_default(pytester, project):
    a_build(pytester.path / "dist")  # a dist/ in the project does not win over the installed build
    assert where(pytester.runpytest_inprocess("-s", "-p", "no:cacheprovider", "-p", "no:playwright")) == str(project)


def test_the_ini_option_over_the_packaged_build(pytester, project):
    a_build(pytester.path / "mine")
    pytester.makeini("[pytest]\nagent_bridge_dist = mine\n")
    assert where(pytester.runpytest_inprocess("-s", "-p", "no:cacheprovider", "-p", "no:playwright")) == str(pytester.path / "mine")


def test_the_command_line_over_both(pytester, project, tmp_path):
    given = a_build(tmp_path / "given")
    pytester.makeini("[pytest]\nagent_bridge_dist = mine\n")
    result = pytester.runpytest_inprocess("-s", "-p", "no:cacheprovider", "-p", "no:playwright", f"--agent-bridge-dist={given}")
    assert where(result) == str(given)


def test_rootdir_dist_without_a_packaged_build(pytester, project, monkeypatch):
    monkeypatch.setattr(serving, "PACKAGED", project.parent / "nothing-here")
    a_build(pytester.path / "dist")
    assert where(pytester.runpytest_inprocess("-s", "-p", "no:cacheprovider", "-p", "no:playwright")) == str(pytester.path / "dist")


def test_neither_is_an_error_that_says_what_to_do(pytester, project, monkeypatch):
    monkeypatch.setattr(serving, "PACKAGED", project.parent / "nothing-here")
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:playwright")
    result.stdout.fnmatch_lines(["*no agent-bridge build in *dist: build it (python build.py) or point*"])
    assert result.ret != 0

"""Test modules are imported by basename (rootdir-relative, no packages): two files with the
same name in tests/unit and tests/browser stop the whole run at collection."""

from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def test_test_module_names_are_unique():
    names = Counter(path.name for path in TESTS.rglob("test_*.py"))
    assert [name for name, count in names.items() if count > 1] == []


def test_no_test_folder_is_one_pytest_skips(pytestconfig):
    # pytest does not recurse into folders named in norecursedirs ("build", "dist", "venv"...):
    # tests put there would silently never run.
    import fnmatch

    skipped = pytestconfig.getini("norecursedirs")
    folders = [path for path in TESTS.rglob("*") if path.is_dir() and "__pycache__" not in path.parts]
    assert [f for f in folders if any(fnmatch.fnmatch(f.name, pattern) for pattern in skipped)] == []

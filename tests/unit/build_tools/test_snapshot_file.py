"""The format of dist/bridge.snapshot (bridge/build/snapshot_file.py); the browser's reader is tested
by restoring the built snapshot in tests/browser/test_snapshot.py."""

import gzip
import struct

import pytest

from bridge.build.snapshot_file import MAGIC, PAGE, pack_snapshot, unpack_snapshot


def snapshot_like() -> bytes:
    """Pyodide's layout in small, by pages: a header, 40 zero pages, 4 of heap, a zero page, a
    page with one byte set, 3 zero pages, and a last page cut short."""
    header = (b"\x00snp" + bytes(range(256)) * 15).ljust(PAGE, b"\x00")
    return (header + bytes(PAGE * 40) + b"heap" * PAGE + bytes(PAGE) + b"\x01".ljust(PAGE, b"\x00")
            + bytes(PAGE * 3) + b"tail")


def runs_of(packed: bytes) -> list[tuple[int, int]]:
    data = gzip.decompress(packed)
    _, _, count = struct.unpack_from("<8sII", data)
    return [struct.unpack_from("<II", data, 16 + 8 * i) for i in range(count)]


def test_round_trip():
    snapshot = snapshot_like()
    assert unpack_snapshot(pack_snapshot(snapshot)) == snapshot


def test_zero_pages_are_left_out_and_neighbours_joined():
    assert runs_of(pack_snapshot(snapshot_like())) == [
        (0, PAGE), (41 * PAGE, 4 * PAGE), (46 * PAGE, PAGE), (50 * PAGE, 4)]


def test_packing_is_deterministic():
    assert pack_snapshot(snapshot_like()) == pack_snapshot(snapshot_like())


def test_all_zero_and_empty_snapshots():
    assert unpack_snapshot(pack_snapshot(bytes(PAGE * 5))) == bytes(PAGE * 5)
    assert runs_of(pack_snapshot(bytes(PAGE * 5))) == []
    assert unpack_snapshot(pack_snapshot(b"")) == b""


def packed(header: bytes, *rest: bytes) -> bytes:
    return gzip.compress(header + b"".join(rest))


@pytest.mark.parametrize(("data", "reason"), [
    (b"not gzip at all", "not a packed snapshot"),
    (gzip.compress(b"short"), "too short"),
    (packed(struct.pack("<8sII", b"othermag", 10, 0)), "wrong magic"),
    (packed(struct.pack("<8sII", MAGIC, 10, 5)), "run table is cut short"),
    (packed(struct.pack("<8sII", MAGIC, 10, 1), struct.pack("<II", 8, 4), b"abcd"), "run 0 is out of bounds"),
    (packed(struct.pack("<8sII", MAGIC, 10, 1), struct.pack("<II", 0, 4), b"ab"), "run 0 is out of bounds"),
    (packed(struct.pack("<8sII", MAGIC, 10, 2), struct.pack("<II", 4, 2), struct.pack("<II", 0, 2), b"abcd"),
     "run 1 is out of bounds"),  # runs must not go back
    (packed(struct.pack("<8sII", MAGIC, 10, 1), struct.pack("<II", 0, 2), b"abcd"), "bytes after the last run"),
])
def test_what_is_not_a_packed_snapshot_is_refused(data, reason):
    with pytest.raises(ValueError, match=reason):
        unpack_snapshot(data)

"""The file format of ``dist/bridge.snapshot``: Pyodide's memory snapshot, packed smaller.

Build tooling (build.py writes it, tests read it); the browser's reader is ``readSnapshot`` in
web/runtime.mjs. Never loaded in the browser.

Pyodide's snapshot is the wasm heap: 31 MB, half of it zero pages. The browser must hash what it
fetches (Subresource Integrity) and then decompress it, and both cost time in proportion to the
bytes, on every page load, cached or not (measured in a worker, warm: 338 ms for the snapshot
served with Brotli and checked whole, 159 ms for this format). So the file leaves the zero pages
out and is gzip, inflated by the browser's own ``DecompressionStream``: integrity is checked on
the 6 MB compressed, and the inflate writes 15 MB instead of 31 MB. gzip, not Brotli, because
``DecompressionStream`` has no Brotli; and the format does not depend on how a server compresses
what it serves.

Layout, all integers unsigned 32-bit little-endian, the whole gzip-compressed::

    MAGIC (8 bytes) | size | count | count x (offset, length) | the runs' bytes, in order

``size`` is the snapshot's length; each run is a stretch of it that is not all zero pages,
in increasing offset order. Everything outside the runs is zero.
"""

from __future__ import annotations

import gzip
import struct

MAGIC = b"agbsnap1"
PAGE = 4096
_HEADER = struct.Struct("<8sII")
_RUN = struct.Struct("<II")


def pack_snapshot(snapshot: bytes) -> bytes:
    """``snapshot`` (as Pyodide's ``makeMemorySnapshot()`` wrote it) in this file's format."""
    if len(snapshot) >= 1 << 32:
        raise ValueError("a snapshot of 4 GiB or more does not fit the format")
    zero = bytes(PAGE)
    runs: list[list[int]] = []
    for offset in range(0, len(snapshot), PAGE):
        page = snapshot[offset:offset + PAGE]
        if page == zero[:len(page)]:
            continue
        if runs and runs[-1][0] + runs[-1][1] == offset:
            runs[-1][1] += len(page)
        else:
            runs.append([offset, len(page)])
    packed = b"".join([
        _HEADER.pack(MAGIC, len(snapshot), len(runs)),
        *(_RUN.pack(offset, length) for offset, length in runs),
        *(snapshot[offset:offset + length] for offset, length in runs),
    ])
    # mtime 0: the same snapshot packs to the same bytes.
    return gzip.compress(packed, compresslevel=9, mtime=0)


def unpack_snapshot(data: bytes) -> bytes:
    """The snapshot packed in ``data``; ValueError when ``data`` is not in this format."""
    try:
        packed = gzip.decompress(data)
    except (OSError, EOFError) as error:
        raise ValueError(f"not a packed snapshot: {error}") from None
    if len(packed) < _HEADER.size:
        raise ValueError("not a packed snapshot: too short")
    magic, size, count = _HEADER.unpack_from(packed)
    if magic != MAGIC:
        raise ValueError("not a packed snapshot: wrong magic")
    position = _HEADER.size + count * _RUN.size
    if position > len(packed):
        raise ValueError("not a packed snapshot: the run table is cut short")
    snapshot = bytearray(size)
    end_of_last = 0
    for index in range(count):
        offset, length = _RUN.unpack_from(packed, _HEADER.size + index * _RUN.size)
        if offset < end_of_last or offset + length > size or position + length > len(packed):
            raise ValueError(f"not a packed snapshot: run {index} is out of bounds")
        snapshot[offset:offset + length] = packed[position:position + length]
        position += length
        end_of_last = offset + length
    if position != len(packed):
        raise ValueError("not a packed snapshot: bytes after the last run")
    return bytes(snapshot)

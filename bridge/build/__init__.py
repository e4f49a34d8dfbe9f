"""Build tooling: what ``build.py`` generates from the Python declarations (:mod:`~bridge.build.codegen`)
and the packed memory-snapshot format (:mod:`~bridge.build.snapshot_file`). Never shipped to the browser."""

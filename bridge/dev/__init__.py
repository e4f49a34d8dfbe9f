"""The development server behind ``make demo`` and the browser tests (:mod:`~bridge.dev.server`).
Never shipped to the browser."""

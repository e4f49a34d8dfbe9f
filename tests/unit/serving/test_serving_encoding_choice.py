"""bridge.serving.choose_encoding, which BrowserFiles and the dev server share: RFC 9110's
Accept-Encoding (section 12.5.3) over the copies a file has."""

import pytest

from bridge.serving import choose_encoding

BOTH = {"br", "gzip"}


@pytest.mark.parametrize("header, available, chosen", [
    ("br, gzip", BOTH, "br"),
    ("gzip, br", BOTH, "br"),  # equal weights: the smaller copy
    ("br;q=0.5, gzip;q=0.5", BOTH, "br"),
    ("br;q=0.4, gzip;q=0.5", BOTH, "gzip"),  # the higher weight wins over our preference
    ("gzip;q=0.001", BOTH, "gzip"),
    ("BR", BOTH, "br"),  # codings are case-insensitive
    ("br;q=0", BOTH, "identity"),  # q=0: not acceptable
    ("br", {"gzip"}, "identity"),  # only the copies the file has
    ("gzip", set(), "identity"),
    ("*", BOTH, "br"),
    ("*;q=0.2, gzip", BOTH, "gzip"),  # a named coding's weight over *'s
    ("*;q=0.5, identity", BOTH, "identity"),
    ("gzip;q=0.5, identity;q=0.6", BOTH, "identity"),
    ("gzip;q=0.5, identity;q=0.5", BOTH, "gzip"),  # a tie: the smaller download
    ("deflate, zstd", BOTH, "identity"),  # nothing we have: the file as it is
    ("", BOTH, "identity"),
    (None, BOTH, "identity"),
    # The file as it is, refused: "identity;q=0", or "*;q=0" without an identity entry.
    ("identity;q=0", set(), None),
    ("*;q=0", set(), None),
    ("*;q=0", BOTH, None),
    ("*;q=0, identity", set(), "identity"),
    ("identity;q=0, gzip", BOTH, "gzip"),
])
def test_the_choice(header, available, chosen):
    assert choose_encoding(header, available) == chosen


@pytest.mark.parametrize("header", ["gzip;q=abc", "gzip;q=1.5", "gzip;q=0.1234", "gzip;foo=bar"])
def test_a_malformed_weight_is_an_error_not_a_guess(header):
    with pytest.raises(ValueError, match="malformed Accept-Encoding weight"):
        choose_encoding(header, BOTH)

"""Named noise filters remove what changes between fetches and nothing else."""

import pytest

from accesswatch.archive.noise import FILTERS, apply_filters
from accesswatch.sources import NOISE_FILTERS


def test_every_declared_filter_exists():
    assert set(FILTERS) == set(NOISE_FILTERS)


def test_unknown_filter_is_named():
    with pytest.raises(KeyError, match="no-such-filter"):
        apply_filters("x\n", ["no-such-filter"])


@pytest.mark.parametrize(
    "line",
    ["Last updated: March 3, 2025", "Updated 7 February 2025", "*Last modified 2025-03-03*", "Page last reviewed on 3 Mar 2025", "Updated 3 days ago"],
)
def test_last_updated_lines_go(line):
    assert apply_filters(f"# Title\n\n{line}\n\nBody.\n", ["last-updated"]) == "# Title\n\nBody.\n"


def test_last_updated_keeps_sentences():
    text = "We updated our framework on 3 March 2025 to add external audits.\n"
    assert apply_filters(text, ["last-updated"]) == text


def test_tracking_params_stripped_other_params_kept():
    text = "See https://ex.com/a?utm_source=x&id=3&gclid=abc, and https://ex.com/b?fbclid=z.\n"
    assert apply_filters(text, ["tracking-params"]) == "See https://ex.com/a?id=3, and https://ex.com/b.\n"


def test_cookie_banner_paragraphs_go_policy_text_stays():
    text = (
        "We use cookies to improve your experience. Accept all or manage preferences.\n\nAccept all\nReject all\n\n"
        "Our models do not store cookies from evaluators' browsers.\n"
    )
    assert apply_filters(text, ["cookie-banner"]) == "Our models do not store cookies from evaluators' browsers.\n"


def test_dynamic_dates():
    text = "Posted 3 days ago\n\nThe board met (2 hours ago) today.\n\n© 2025 Example Lab. All rights reserved.\n"
    assert apply_filters(text, ["dynamic-dates"]) == "The board met today.\n"


def test_share_links():
    text = "Share on LinkedIn\nFacebook | X | Email\nCopy link\n\nShare the results with external evaluators.\n"
    assert apply_filters(text, ["share-links"]) == "Share the results with external evaluators.\n"


def test_no_filters_is_identity():
    assert apply_filters("Last updated: May 2025\n", []) == "Last updated: May 2025\n"

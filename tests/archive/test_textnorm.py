"""normalize_text: Unicode, quotes, dashes, spaces and blank lines normalised; words kept."""

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from accesswatch.archive.textnorm import normalize_text


def test_quotes_become_straight():
    assert normalize_text("\u201cWe commit\u201d, it\u2019s \u2018ours\u2019") == "\"We commit\", it's 'ours'\n"


def test_dashes_are_consistent():
    text = "2023\u20132024 and a\u2014b and a \u2013 b and a \u2014 b and \u22123 and pre\u2011deployment"
    assert normalize_text(text) == "2023-2024 and a - b and a - b and a - b and -3 and pre-deployment\n"


def test_dash_at_line_start_is_a_bullet():
    assert normalize_text("\u2013 first\n\u2014 second\n") == "- first\n- second\n"


def test_spaces_zero_width_and_controls():
    text = "30\u00a0days\u2009before\u200b release\ufeff\u00ad\x07 now"
    assert normalize_text(text) == "30 days before release now\n"


def test_nfkc_ligatures_and_fullwidth():
    assert normalize_text("\ufb01nal \uff21\uff29 \u2026") == "final AI ...\n"


def test_line_endings_trailing_spaces_and_blank_runs():
    text = "\r\n\r\nTitle  \r\n\r\n\r\n\r\nBody\rline\u2028next\t \n\n\n"
    assert normalize_text(text) == "Title\n\nBody\nline\nnext\n"


def test_empty_and_blank():
    assert normalize_text("") == ""
    assert normalize_text(" \n\u200b\n\t") == ""


_words = st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Nd"), max_codepoint=0x24F), min_size=1, max_size=12)
_separators = st.sampled_from([" ", "  ", "\n", "\r\n", "\n\n\n", "\u00a0", "\u200b ", " \u2014 ", "\u2019", "\t", " \u201c", "\u201d "])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_words, _separators), max_size=30))
def test_idempotent_and_keeps_every_word(parts):
    text = "".join(word + sep for word, sep in parts)
    once = normalize_text(text)
    assert normalize_text(once) == once
    words = [w for w, _ in parts]
    expected = re.findall(r"\w+", unicodedata.normalize("NFKC", " ".join(words)))
    assert re.findall(r"\w+", once) == expected

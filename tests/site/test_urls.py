"""Relative links between generated pages."""

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from accesswatch.sitegen.urls import href, slug, statement_page

segment = st.sampled_from(["a", "b", "companies", "documents", "x-y"])
path = st.lists(segment, min_size=0, max_size=3).map(lambda parts: "/".join([*parts, "page.md"]))


@given(path, path)
def test_href_equals_posix_relpath(source, target):
    expected = posixpath.relpath(target[:-3] + ".html", posixpath.dirname(source) or ".")
    assert href(source, target) == expected


def test_statement_ids_become_safe_path_segments():
    assert statement_page("acme/doc", "../../etc/passwd") == "statements/acme/doc/etc-passwd.md"
    assert slug("a b/c?d") == "a-b-c-d"

"""The methodology page's quality figures from data/quality.yml: full, partial, absent or broken."""

from accesswatch.sitegen.quality import QUALITY_MARKER, fill_quality, load_quality, quality_markdown

FULL = {
    "measured_on": "2026-01-02",
    "statement_keys": [
        {"name": "dev-statements", "role": "tuning", "statements": 138, "precision": 0.911, "recall": 0.964,
         "f1": 0.937, "category_micro_f1": 0.917, "strength_accuracy": 0.895, "access_depth_accuracy": 0.94},
        {"name": "test-statements", "role": "test", "error": "KeyError_: missing"},
    ],
    "change_keys": [
        {"name": "test-changes-anthropic", "role": "test", "pairs": 6, "found": 57, "total": 67,
         "direction_right": 54},
    ],
}


def test_full_figures_render_as_tables():
    page = quality_markdown(FULL)
    assert ("<td>dev-statements</td><td>tuning</td><td>138</td><td>0.91</td><td>0.96</td><td>0.94</td>"
            "<td>0.92</td><td>0.90</td><td>0.94</td>") in page
    assert ("<td>test-changes-anthropic</td><td>test (never tuned on)</td><td>6</td><td>57/67 (85%)</td>"
            "<td>54/67 (81%)</td>") in page
    # Which keys were tuned on comes from each key's role in the file.
    assert "(their figures are optimistic): `dev-statements`." in page
    assert "Test sets never tuned on: `test-statements`, `test-changes-anthropic`." in page


def test_a_key_in_error_says_not_measured():
    row = quality_markdown(FULL).split("<td>test-statements</td>")[1].split("</tr>")[0]
    assert row.count("not measured") == 7


def test_partial_file_says_not_measured_for_what_is_missing():
    page = quality_markdown({"measured_on": "2026-01-02", "change_keys": [{"name": "k", "pairs": 1}]})
    assert "Statement extraction: not measured." in page
    assert "<td>k</td><td>not measured</td><td>1</td><td>not measured</td><td>not measured</td>" in page


def test_absent_or_broken_file(tmp_path):
    assert load_quality(tmp_path / "quality.yml") is None
    (tmp_path / "broken.yml").write_text("measured_on: [unclosed\n")
    assert load_quality(tmp_path / "broken.yml") is None
    (tmp_path / "list.yml").write_text("- 1\n")
    assert load_quality(tmp_path / "list.yml") is None
    assert "**not measured**" in fill_quality(f"# M\n\n{QUALITY_MARKER}\n", None)


def test_fixture_site_methodology_says_not_measured(fixture_site):
    html = (fixture_site.output / "methodology.html").read_text(encoding="utf-8")
    assert "not measured" in html and QUALITY_MARKER not in html

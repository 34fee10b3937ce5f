"""tests/parity.py's normalisation, on its own: the parity tests are only as good as it."""

from __future__ import annotations

from parity import _joined, difference, words


def test_words_fold_case_and_drop_edge_punctuation() -> None:
    assert words("(Prizren) 23 (29%), ОКЗП-а;\u00a0da\u00ad-li") == [
        "prizren", "23", "29%", "окзп-а", "da-li",
    ]  # fmt: skip


def test_a_hyphenated_line_end_is_joined_and_other_hyphens_kept() -> None:
    line = [{"text": "Opštinske", "top": 10}, {"text": "kance-", "top": 10}]
    next_line = [{"text": "larije", "top": 22}, {"text": "Deçan-Dečane", "top": 22}]
    assert _joined(line + next_line) == ["opštinske", "kancelarije", "deçan-dečane"]


def test_difference_names_what_each_side_lacks() -> None:
    assert difference(["a", "b"], ["b", "a"]) == ""
    assert difference(["a", "a"], ["a", "c"]) == (
        "only in the PDF: {'a': 1}; only in the web page: {'c': 1}"
    )

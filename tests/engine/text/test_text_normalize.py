from hypothesis import given
from hypothesis import strategies as st

from netweave.engine.text import item_key, normalize_text
from netweave.engine.text.tokens import features, words


def test_normalize_folds_case_width_and_spacing() -> None:
    assert normalize_text("  Help   with\tBOOKKEEPING\n") == "help with bookkeeping"
    assert normalize_text("Ｃａｆé") == normalize_text("café")  # full-width letters, NFKC
    assert normalize_text("Straße") == "strasse"  # casefold, not lower


def test_normalize_keeps_punctuation() -> None:
    assert normalize_text("C++ & M&A") == "c++ & m&a"


def test_item_key_is_sha256_of_canonical_form() -> None:
    key = item_key("Tax  Filing")
    assert key == item_key("tax filing") == item_key(" TAX FILING ")
    assert len(key) == 64 and int(key, 16) >= 0
    assert key != item_key("tax filings")


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert item_key(text) == item_key(once)


def test_words_drop_stop_words() -> None:
    assert words("Help with bookkeeping and quarterly taxes") == [
        "bookkeeping",
        "quarterly",
        "taxes",
    ]


def test_prefix_features_join_word_forms() -> None:
    assert "p:tax" in features("taxes") and "p:tax" in features("tax")
    assert "p:bookk" in features("bookkeeper") and "p:bookk" in features("bookkeeping")
    assert "b:quarterly taxes" in features("quarterly taxes")

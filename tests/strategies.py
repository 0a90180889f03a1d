"""Hypothesis strategies shared by the export tests."""

from hypothesis import strategies as st

#: Any text an author could type, plus the characters every export format must escape.
XML_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from(list("&<>\"'~=#{}:\\%]]>")),
    min_size=1,
    max_size=30,
)

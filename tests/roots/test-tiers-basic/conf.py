project = "Tiers test"
# cart_static.lean: Sphinx's search-word scripts load only after a search (the search tests).
extensions = ["myst_parser", "cart_tiers", "cart_static.lean"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
exclude_patterns = ["_build"]

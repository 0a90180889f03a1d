project = "Tiers test"
extensions = ["myst_parser", "cart_tiers"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
exclude_patterns = ["_build"]

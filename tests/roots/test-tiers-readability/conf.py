extensions = ["myst_parser", "cart_tiers"]
myst_enable_extensions = ["colon_fence"]

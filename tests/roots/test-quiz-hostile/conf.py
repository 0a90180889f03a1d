extensions = ["myst_parser", "cart_quiz"]

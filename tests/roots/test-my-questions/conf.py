extensions = ["myst_parser", "cart_quiz"]
quiz_directory = "quizzes"
html_theme = "furo"
language = "en"
project = "Questions test"
author = "Test"
copyright = "2026, Test"
version = "1"

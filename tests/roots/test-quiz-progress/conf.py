from cart_quiz.lint import LINT_CODES

extensions = ["myst_parser", "cart_quiz"]
quiz_directory = "quizzes"

# This root tests other behaviour; its small quizzes are not written to item-writing
# standards, so the item-writing lints are silenced, the way a site would silence them.
suppress_warnings = [f"quiz.{code}" for code in LINT_CODES]

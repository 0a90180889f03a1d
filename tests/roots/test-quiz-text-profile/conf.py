from cart_quiz.lint import LINT_CODES

# A host that enables every MyST extension that evaluates or sets things: quiz text must
# still be data.
extensions = ["myst_parser", "cart_quiz"]
myst_enable_extensions = ["substitution", "attrs_inline", "attrs_block", "colon_fence"]
myst_substitutions = {"secret": "SUBSTITUTED"}
quiz_directory = "quizzes"
quiz_export_formats = ["gift", "moodle"]
suppress_warnings = [f"quiz.{code}" for code in LINT_CODES]

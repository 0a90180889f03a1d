# A plain reStructuredText site: no MyST at all.
extensions = ["cart_quiz"]
quiz_directory = "quizzes"
quiz_pages_directory = "quiz"

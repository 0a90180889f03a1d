extensions = ["myst_parser", "cart_quiz"]
quiz_directory = "quizzes"
quiz_pages_directory = "quiz"

# The quiz comes from docs/_examples/going-home-example.yaml, copied into quizzes/ by the test.
extensions = ["myst_parser", "cart_quiz"]
quiz_directory = "quizzes"
quiz_pages_directory = "quiz"

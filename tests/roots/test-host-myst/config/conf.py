# A MyST site with its own layout: conf.py in config/, pages in site/, quizzes in
# shared/quizzes; quiz_directory is relative to the folder of conf.py, as Sphinx paths are.
extensions = ["myst_parser", "cart_quiz"]
myst_enable_extensions = ["colon_fence"]
quiz_directory = "../shared/quizzes"

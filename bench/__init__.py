"""The site's benchmark (`nox -s bench`, or `python -m bench`): see `__main__`."""

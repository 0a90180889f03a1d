"""Two repairs so every page the theme and Sphinx write is valid HTML (the Nu checker agrees).

- furo wraps each table and math block in a `div.table-wrapper` / `div.math-wrapper` and copies
  all the wrapped node's attributes onto the wrapper, ids included, so a captioned table's id
  appears twice on the page. The id stays where links point (the table, whose caption carries
  the headerlink) and leaves the wrapper.
- In a translated build Sphinx marks each translated node `translated`; docutils writes every
  attribute of a `meta` node into the tag, so the page's description came out as
  `<meta ... translated="True">`. The mark has done its job by the time pages are written.

Enable with `"cart_static.valid_html"` in `extensions`; it runs after furo's own transform and
only for HTML output.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from cart_static.walk import nodes_of

#: furo's wrapper classes: the wrapper holds exactly the node whose attributes it copied.
WRAPPER_CLASSES = {"table-wrapper", "math-wrapper"}


class ValidHtmlTransform(SphinxPostTransform):
    """Remove the duplicated wrapper ids and the `translated` mark on meta tags."""

    formats = ("html",)
    default_priority = 900  # after furo's WrapTableAndMathInAContainerTransform (500)

    def run(self, **kwargs: Any) -> None:
        for wrapper in nodes_of(self.document, nodes.container):
            if WRAPPER_CLASSES & set(wrapper["classes"]) and len(wrapper.children) == 1:
                shared = set(wrapper.children[0]["ids"])
                wrapper["ids"] = [i for i in wrapper["ids"] if i not in shared]
        for meta in nodes_of(self.document, nodes.meta):
            meta.attributes.pop("translated", None)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(ValidHtmlTransform)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}

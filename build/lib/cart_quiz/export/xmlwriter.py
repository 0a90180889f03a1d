"""Small helpers shared by the XML exports: build elements tersely and serialise them the same
way every time (UTF-8, declared, indented), dropping characters XML 1.0 cannot hold."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

# Characters XML 1.0 forbids even as references (most C0 controls, surrogates, U+FFFE/F).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def element(tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    node = ET.Element(tag, {key: clean(value) for key, value in attributes.items()})
    if text is not None:
        node.text = clean(text)
    return node


def child(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    node = element(tag, text, **attributes)
    parent.append(node)
    return node


def to_bytes(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"

"""Draw the site's favicon as docs/_extra/favicon.ico (16, 32 and 48 px), from the same
shapes as docs/_static/favicon.svg: a teal rounded square holding a white T cell with four
receptors. Pure Python, no imaging library: run `python docs/_favicon/make_favicon.py`
after changing the drawing, and commit both files."""

from __future__ import annotations

import math
import struct
from pathlib import Path

TEAL = (0x0B, 0x5F, 0x6E)
WHITE = (0xFF, 0xFF, 0xFF)
OUT = Path(__file__).resolve().parent.parent / "_extra" / "favicon.ico"


def inside_rounded_square(x: float, y: float) -> bool:
    """The badge: 32 x 32 units, corner radius 7 (as in favicon.svg)."""
    r = 7.0
    cx = min(max(x, r), 32 - r)
    cy = min(max(y, r), 32 - r)
    return 0 <= x <= 32 and 0 <= y <= 32 and (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def inside_cell(x: float, y: float) -> bool:
    """The white cell: a disc of radius 8.5 at (16, 16), four stalks and four knobs."""
    if math.hypot(x - 16, y - 16) <= 8.5:
        return True
    for dx, dy in ((0, -1), (1, 0), (0, 1), (-1, 0)):
        # stalk: 3 units wide from the disc out to 12.5 units from the centre
        along = (x - 16) * dx + (y - 16) * dy
        across = abs((x - 16) * dy - (y - 16) * dx)
        if 8 <= along <= 12.5 and across <= 1.5:
            return True
        # knob: a disc of radius 2.6 at 12.5 units out
        if math.hypot(x - (16 + 12.5 * dx), y - (16 + 12.5 * dy)) <= 2.6:
            return True
    return False


def pixel(size: int, px: int, py: int, samples: int = 6) -> tuple[int, int, int, int]:
    """Colour of one pixel (BGRA), by supersampling the shapes."""
    badge = cell = 0
    for sy in range(samples):
        for sx in range(samples):
            x = (px + (sx + 0.5) / samples) * 32 / size
            y = (py + (sy + 0.5) / samples) * 32 / size
            if inside_rounded_square(x, y):
                badge += 1
                if inside_cell(x, y):
                    cell += 1
    total = samples * samples
    if badge == 0:
        return (0, 0, 0, 0)
    mix = cell / badge
    r, g, b = (round(t + (w - t) * mix) for t, w in zip(TEAL, WHITE, strict=True))
    return (b, g, r, round(255 * badge / total))


def bitmap(size: int) -> bytes:
    """One icon image: a BITMAPINFOHEADER, BGRA rows bottom-up, and an empty AND mask."""
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = b"".join(
        b"".join(bytes(pixel(size, px, py)) for px in range(size)) for py in reversed(range(size))
    )
    mask_row = ((size + 31) // 32) * 4
    return header + rows + bytes(mask_row * size)


def main() -> None:
    sizes = (16, 32, 48)
    images = [bitmap(size) for size in sizes]
    data = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    for size, image in zip(sizes, images, strict=True):
        data += struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(data + b"".join(images))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")  # noqa: T201 (a command-line script)


if __name__ == "__main__":
    main()

"""The balance over time, drawn without a plotting library: an SVG for HTML reports and a PNG
for Word (python-docx takes PNG, not SVG). Both show the balance at the end of each day, a line
at zero and a dashed line at the contingency.

``balance_points(rec)`` gives (date, balance) pairs; ``svg(points, contingency)`` gives SVG text;
``png(points, contingency)`` gives PNG bytes (made with zlib, as the PNG format defines).
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from decimal import Decimal
from html import escape

from guidance.accounts.money import money_text
from guidance.content.formatting import long_date

WIDTH, HEIGHT, PAD = 640, 240, 44


def balance_points(rec) -> list[tuple[dt.date, Decimal]]:
    """(day, balance at the end of that day), from the opening balance to the closing balance:
    on the audit's first and last days when the statements reach them (or nearly: a few days with
    no rows at either end are taken as days nothing moved), else on the first and last days the
    statements show (never drawn on across days no statement shows, where it is not known)."""
    uncovered = rec.uncovered
    first = rec.opening_date if any(a == rec.start for a, _b in uncovered) and rec.opening_date else rec.start
    last = rec.closing_date if any(b == rec.end for _a, b in uncovered) and rec.closing_date else rec.end
    points: dict[dt.date, Decimal] = {first: rec.opening_balance}
    for entry in rec.entries:
        points[entry.tx.date] = entry.balance
    if last not in points:
        points[last] = rec.closing_balance
    return sorted(points.items())


def _scale(points, contingency: Decimal):
    days = [(d - points[0][0]).days for d, _ in points] or [0]
    values = [float(v) for _, v in points] + [0.0, float(contingency)]
    low, high = min(values), max(values)
    high = high if high > low else low + 1
    span = max(days[-1], 1)

    def x(day: int) -> float:
        return PAD + (WIDTH - 2 * PAD) * day / span

    def y(value: float) -> float:
        return HEIGHT - PAD + (2 * PAD - HEIGHT) * (value - low) / (high - low)

    return days, x, y, low, high


def svg(points: list[tuple[dt.date, Decimal]], contingency: Decimal) -> str:
    """An SVG line chart (inline in HTML), with a text title and description for screen readers."""
    if not points:
        return ""
    days, x, y, low, high = _scale(points, contingency)
    # a step line: the balance holds until the next day with a transaction
    path, previous = [], None
    for day, (_, value) in zip(days, points):
        if previous is not None:
            path.append(f"L{x(day):.1f},{y(previous):.1f}")
        path.append(f"{'M' if previous is None else 'L'}{x(day):.1f},{y(float(value)):.1f}")
        previous = float(value)
    first, last = points[0][0], points[-1][0]
    desc = (f"Balance from {money_text(points[0][1])} on {long_date(first)} to {money_text(points[-1][1])} on {long_date(last)}; "
            f"lowest {money_text(min(v for _, v in points))}, highest {money_text(max(v for _, v in points))}.")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="chart-title chart-desc">',
        '<title id="chart-title">Money in the account over time</title>',
        f'<desc id="chart-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<line x1="{PAD}" y1="{y(0):.1f}" x2="{WIDTH - PAD}" y2="{y(0):.1f}" stroke="#505a5f" stroke-width="1"/>',
        f'<line x1="{PAD}" y1="{y(float(contingency)):.1f}" x2="{WIDTH - PAD}" y2="{y(float(contingency)):.1f}" stroke="#f47738" stroke-width="1.5" stroke-dasharray="6 4"/>',
        f'<text x="{WIDTH - PAD}" y="{y(float(contingency)) - 4:.1f}" text-anchor="end" font-size="11" fill="#b14500">kept for emergencies {escape(money_text(contingency))}</text>',
        f'<path d="{" ".join(path)}" fill="none" stroke="#1d70b8" stroke-width="2"/>',
        f'<text x="{PAD}" y="{HEIGHT - PAD + 16}" font-size="11">{long_date(first)}</text>',
        f'<text x="{WIDTH - PAD}" y="{HEIGHT - PAD + 16}" font-size="11" text-anchor="end">{long_date(last)}</text>',
        f'<text x="4" y="{y(high) + 4:.1f}" font-size="11">{escape(money_text(Decimal(str(round(high)))))}</text>',
        f'<text x="4" y="{y(low) + 4:.1f}" font-size="11">{escape(money_text(Decimal(str(round(low)))))}</text>',
        "</svg>",
    ]
    return "\n".join(parts)


def png(points: list[tuple[dt.date, Decimal]], contingency: Decimal) -> bytes:
    """The same chart as a PNG image (no text: the report says the figures beside it)."""
    pixels = bytearray(b"\xff" * (WIDTH * HEIGHT * 3))

    def dot(px: int, py: int, colour: tuple[int, int, int]) -> None:
        if 0 <= px < WIDTH and 0 <= py < HEIGHT:
            at = (py * WIDTH + px) * 3
            pixels[at:at + 3] = bytes(colour)

    def line(x0, y0, x1, y1, colour, width=1, dash=0):
        steps = int(max(abs(x1 - x0), abs(y1 - y0))) + 1
        for n in range(steps + 1):
            if dash and (n // dash) % 2:
                continue
            px = x0 + (x1 - x0) * n / steps
            py = y0 + (y1 - y0) * n / steps
            for w in range(width):
                dot(round(px), round(py) + w, colour)

    if points:
        days, x, y, _low, _high = _scale(points, contingency)
        line(PAD, y(0), WIDTH - PAD, y(0), (80, 90, 95))
        line(PAD, y(float(contingency)), WIDTH - PAD, y(float(contingency)), (244, 119, 56), 2, dash=6)
        previous = None
        for day, (_, value) in zip(days, points):
            if previous is not None:
                line(previous[0], previous[1], x(day), previous[1], (29, 112, 184), 2)
                line(x(day), previous[1], x(day), y(float(value)), (29, 112, 184), 2)
            previous = (x(day), y(float(value)))
    raw = b"".join(b"\x00" + bytes(pixels[r * WIDTH * 3:(r + 1) * WIDTH * 3]) for r in range(HEIGHT))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")

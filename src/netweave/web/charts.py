"""Geometry for inline SVG charts; templates draw the shapes (no script, no |safe)."""

from __future__ import annotations

from dataclasses import dataclass

from netweave.services.goals import PeriodCount

WIDTH, HEIGHT, GAP = 240, 64, 4


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    met: bool
    current: bool
    label: str


@dataclass
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    target_y: float


def goal_bars(periods: list[PeriodCount], target: int) -> BarChart:
    """One bar per period, scaled so the target line sits at least a fifth from the top."""
    top = max([target * 1.25, *(p.count for p in periods), 1])
    width = (WIDTH - GAP * (len(periods) - 1)) / max(1, len(periods))
    bars = []
    for i, period in enumerate(periods):
        height = HEIGHT * period.count / top
        label = f"{period.start}–{period.end}: {period.count} of {target}"
        bars.append(
            Bar(
                round(i * (width + GAP), 1),
                round(HEIGHT - height, 1),
                round(width, 1),
                round(max(height, 1.0), 1),
                period.met,
                i == len(periods) - 1,
                label,
            )
        )
    return BarChart(WIDTH, HEIGHT, bars, round(HEIGHT - HEIGHT * target / top, 1))


def strength_class(strength: int | None) -> str:
    """A CSS class for a 0–100 strength: cold, cool, warm, strong (or none)."""
    if strength is None:
        return "s-none"
    if strength < 25:
        return "s-cold"
    if strength < 45:
        return "s-cool"
    if strength < 65:
        return "s-warm"
    return "s-strong"

"""Run every bench/bench_*.py and write docs/benchmarks.md.

Each benchmark script prints its own markdown section (tables with sizes and medians) on
stdout; this runner adds the machine description and assembles the page.
Usage: python bench/run.py [name ...]   (names without the bench_ prefix; default: all)
Sections of scripts not run this time are kept from the current page.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
sys.path.insert(0, str(ROOT))

from bench.common import reference_loop_seconds  # noqa: E402


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def scripts(names: list[str]) -> list[Path]:
    found = sorted((ROOT / "bench").glob("bench_*.py"))
    if names:
        found = [p for p in found if p.stem.removeprefix("bench_") in names]
    return found


def best_reference_loop() -> float:
    """The reference loop's seconds, best of 3."""
    return min(reference_loop_seconds() for _ in range(3))


def run(script: Path) -> str:
    reference = best_reference_loop()
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    took = time.perf_counter() - started
    sys.stderr.write(result.stderr[-4000:])
    if result.returncode != 0:
        return f"## {script.stem}\n\nFAILED (exit {result.returncode}); see its stderr.\n"
    print(f"{script.name}: {took:.0f} s", file=sys.stderr)
    after = best_reference_loop()
    measured = (
        f"_Measured {dt.date.today().isoformat()} on {machine()}; reference loop "
        f"(10,000,000 additions in Python) {reference:.2f} s before the run, "
        f"{after:.2f} s after._"
    )
    return result.stdout.strip() + "\n\n" + measured + "\n"


MARK = "<!-- bench:{} -->"
FIRST_MACHINE = "an Intel Xeon, 2 cores, 24 GiB RAM, Python 3.11.7 (2026-11-23, first session)"


def previous_sections() -> dict[str, str]:
    """Sections of the current page by script, so a partial run keeps the others."""
    if not DOC.exists():
        return {}
    found: dict[str, str] = {}
    parts = DOC.read_text(encoding="utf-8").split("<!-- bench:")
    for part in parts[1:]:
        name, _, body = part.partition(" -->")
        found[name] = body.strip() + "\n"
    return found


def compile_sources() -> None:
    """Write the bytecode of netweave's sources first, as installing a package does: the
    editable install leaves them uncompiled, and where PYTHONDONTWRITEBYTECODE is set (as
    on these machines) every timed command would compile them again."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)


def main() -> int:
    chosen = scripts(sys.argv[1:])
    compile_sources()
    sections = previous_sections()
    for script in chosen:
        sections[script.stem] = run(script)
    header = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {dt.date.today().isoformat()}.",
        f"Latest run's machine: {machine()}.",
        "Each section ends with the date and machine it was measured on; sections without",
        f"that line were measured on {FIRST_MACHINE}.",
        "Figures are medians of several runs unless a table says otherwise; these shared",
        "machines vary up to 2x between identical runs.",
        "",
    ]
    body = [f"{MARK.format(name)}\n{text}" for name, text in sorted(sections.items())]
    DOC.write_text("\n".join(header) + "\n" + "\n".join(body), encoding="utf-8")
    print(f"wrote {DOC}")
    return 0 if all("FAILED (exit" not in sections[s.stem] for s in chosen) else 1


if __name__ == "__main__":
    raise SystemExit(main())

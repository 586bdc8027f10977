"""Coverage-guided fuzzing of the importers on raw bytes (atheris), one harness per format.

    python tools/fuzz.py vcard --runs 100000      # one format
    python tools/fuzz.py all --runs 300           # every format in turn (one process each)

The property is the importers' contract (`importers/detect.py`): `parse_bytes` raises only
NetweaveError subclasses, and every rejection names the file, a line (None only when the
whole file was unreadable, so nothing was accepted from it) and a non-empty reason. The
fixtures in tests/importers/fixtures seed the corpus, so mutations start from real files.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from typing import TYPE_CHECKING  # noqa: E402

if TYPE_CHECKING:
    from netweave.importers.records import ParseResult

FIXTURES = ROOT / "tests" / "importers" / "fixtures"
NAME = "fuzzed.input"
# "detect" fuzzes format detection itself: parse_bytes without --format
FORMATS = ("vcard", "linkedin", "google", "outlook", "thunderbird", "csv", "ics", "mbox", "eml")
TARGETS = (*FORMATS, "detect")
_SEEDS = {
    "vcard": ".vcf",
    "ics": ".ics",
    "mbox": ".mbox",
    "eml": ".eml",
    "linkedin": "linkedin",
    "google": "google_contacts",
    "outlook": "outlook_",
    "thunderbird": "thunderbird_addressbook",
    "csv": "generic",
}


def check_result(result: ParseResult, name: str) -> None:
    """Assert the rejection contract on one parse result."""
    for rejection in result.rejected:
        assert rejection.file == name, f"rejection names {rejection.file!r}, not {name!r}"
        assert rejection.line is None or (
            isinstance(rejection.line, int) and rejection.line >= 1
        ), f"rejection line {rejection.line!r}"
        assert isinstance(rejection.reason, str) and rejection.reason.strip(), "empty reason"
        if rejection.line is None:
            assert not result.people and not result.interactions, (
                "a rejection without a line must mean the whole file was unreadable"
            )


def check_bytes(data: bytes, target: str) -> ParseResult | None:
    """Parse data as target ("detect" to sniff); None when it raised a NetweaveError."""
    # imported here so that the atheris run can instrument these modules as they load
    from netweave.errors import NetweaveError
    from netweave.importers.detect import parse_bytes

    try:
        result = parse_bytes(data, NAME, None if target == "detect" else target)
    except NetweaveError as error:
        assert str(error).strip(), "a NetweaveError without a message"
        return None
    check_result(result, NAME)
    return result


def seeds(target: str) -> list[Path]:
    """Fixture files to start the corpus from (every fixture for detection)."""
    files = sorted(p for p in FIXTURES.iterdir() if p.suffix != ".md")
    if target == "detect":
        return files
    marker = _SEEDS.get(target, "")
    return [p for p in files if marker and marker in p.name]


def fuzz_one(target: str, runs: int, max_len: int, random_seed: int = 0) -> None:
    """Run atheris on one target in this process (atheris exits the process when done)."""
    import atheris

    corpus = Path(tempfile.mkdtemp(prefix=f"reliability_fuzz_{target}_"))
    for start in seeds(target):
        (corpus / start.name).write_bytes(start.read_bytes()[:max_len])

    def one_input(data: bytes) -> None:
        check_bytes(data, target)

    argv = [sys.argv[0], f"-runs={runs}", f"-max_len={max_len}", "-rss_limit_mb=4096"]
    # crashing inputs go next to the corpus (libFuzzer prints the path), not into the work tree
    argv += ["-print_final_stats=1", f"-artifact_prefix={corpus}/", str(corpus)]
    if random_seed:  # a fixed seed makes the small budget inside `make test` repeatable
        argv.insert(-1, f"-seed={random_seed}")
    # coverage feedback from the parsers and the libraries they call, nothing else
    with atheris.instrument_imports(include=["netweave.importers", "vobject", "icalendar"]):
        import netweave.importers.detect  # noqa: F401
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=[*TARGETS, "all"])
    parser.add_argument("--runs", type=int, default=100_000)
    parser.add_argument("--max-len", type=int, default=8192)
    parser.add_argument("--seed", type=int, default=0, help="0: a new random seed each run")
    args = parser.parse_args()
    if args.target != "all":
        fuzz_one(args.target, args.runs, args.max_len, args.seed)
        return 0
    failed: list[str] = []
    for target in TARGETS:
        started = time.monotonic()
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                target,
                f"--runs={args.runs}",
                f"--max-len={args.max_len}",
                f"--seed={args.seed}",
            ],
            check=False,
        )
        elapsed = time.monotonic() - started
        print(f"fuzz {target}: {args.runs} inputs in {elapsed:.1f} s (exit {done.returncode})")
        if done.returncode:
            failed.append(target)
    if failed:
        print(f"fuzzing found failures in: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

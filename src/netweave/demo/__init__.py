"""Demo network: curated vocabulary and a deterministic generator for trying and benchmarking."""

from netweave.demo.generate import (
    DemoNetwork,
    DemoRequest,
    PlantedPair,
    generate,
    truth_json,
)

__all__ = ["DemoNetwork", "DemoRequest", "PlantedPair", "generate", "truth_json"]

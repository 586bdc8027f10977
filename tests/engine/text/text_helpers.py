"""Test helpers for engine/text: a small corpus of facet items and a counting embedder."""

import itertools
import random
from collections.abc import Sequence

from netweave.engine.text import HashingEmbedder
from netweave.engine.text.embedders import Matrix, Progress

BASE_ITEMS = [
    "small-business accounting and tax filing",
    "bookkeeping for freelancers",
    "estate planning and wills",
    "divorce mediation for couples",
    "commercial real estate leasing",
    "first-time home buyer mortgages",
    "website design and SEO",
    "social media marketing for restaurants",
    "angel investors for a seed round",
    "venture capital introductions",
    "executive coaching for new managers",
    "career coaching after a layoff",
    "wedding photography",
    "corporate event catering",
    "immigration visas for engineers",
    "patent and trademark filings",
    "physical therapy for runners",
    "retirement income planning",
    "life insurance for young families",
    "home staging before a sale",
    "moving and relocation services",
    "IT support for small offices",
    "cybersecurity audits",
    "grant writing for nonprofits",
    "public speaking training",
    "podcast production",
    "payroll and HR outsourcing",
    "interior design for offices",
    "college admissions counselling",
    "translation of legal documents",
]
QUALIFIERS = [
    "",
    "in Austin",
    "near downtown",
    "for a family business",
    "on a budget",
    "this quarter",
    "for startups",
    "for retirees",
    "with weekend hours",
    "for nonprofits",
]
OPENERS = ["", "looking for ", "need ", "can offer ", "offering "]


def corpus(n: int, seed: int = 0) -> list[str]:
    """Return n distinct items combining base items, openers and qualifiers."""
    combos = [
        f"{o}{b} {q}".strip() for o, b, q in itertools.product(OPENERS, BASE_ITEMS, QUALIFIERS)
    ]
    random.Random(seed).shuffle(combos)
    return combos[:n]


class CountingEmbedder:
    """A real hashing embedder that records every text it is asked to embed."""

    def __init__(self, dim: int = 64) -> None:
        self._inner = HashingEmbedder(dim)
        self.name = self._inner.name
        self.dim = dim
        self.seen: list[str] = []
        self.calls = 0

    def embed(self, texts: Sequence[str], progress: Progress | None = None) -> Matrix:
        self.calls += 1
        self.seen.extend(texts)
        return self._inner.embed(texts, progress)

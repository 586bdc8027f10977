"""Calibration from debriefed introductions in the database."""

from __future__ import annotations

import numpy as np

from netweave.db.store import Store
from netweave.services import introductions as intros
from netweave.services.calibration import calibration_report
from netweave.services.intro_start import NewIntroduction, start
from tests.services.intro_helpers import day
from tests.services.ledger_helpers import person


def _history(store: Store, n: int) -> None:
    rng = np.random.default_rng(11)
    with store.write() as s:
        people = [person(s, f"P{k}") for k in range(2 * n)]
        for k in range(n):
            rec, inter = float(rng.uniform()), float(rng.uniform())
            new = NewIntroduction(
                a=people[2 * k],
                b=people[2 * k + 1],
                score=0.5 * rec + 0.06 * inter,
                terms={"reciprocal": rec, "interests": inter, "load_multiplier": 1.0},
                origin="suggestion",
            )
            iid = start(s, new, day(0)).id
            for verb in ("ask", "agree", "ask", "agree"):
                if verb == "ask":
                    intros.ask(s, iid, day(0), day(0))
                else:
                    intros.answer(s, iid, True, day(0), day(0))
            intros.introduce(s, iid, day(0), day(0))
            good = rec > 0.5
            outcome = {"a": intros.SideOutcome(5 if good else 2), "b": intros.SideOutcome(4)}
            intros.debrief(s, iid, outcome, day(30), day(30))
        # A hand-made introduction has no score: it is left out.
        hand = start(s, NewIntroduction(a=people[0], b=people[3]), day(0)).id
        intros.finish(s, hand, intros.Action.DISMISS, day(1), day(1))


def test_below_the_threshold_only_the_prior_is_reported(store: Store) -> None:
    _history(store, 8)
    with store.read() as s:
        report = calibration_report(s)
    assert report["outcomes"] == 8 and report["fitted"] is None
    assert report["prior"]["brier"] is not None
    assert sum(b["count"] for b in report["prior"]["reliability"]) == 8
    assert "20 debriefed introductions" in report["note"]


def test_from_20_outcomes_a_model_is_fitted_and_beats_the_prior(store: Store) -> None:
    _history(store, 30)
    with store.read() as s:
        report = calibration_report(s)
    fitted = report["fitted"]
    assert report["outcomes"] == 30 and fitted is not None
    assert set(fitted["coefficients"]) == {"reciprocal", "interests"}
    assert fitted["coefficients"]["reciprocal"] > abs(fitted["coefficients"]["interests"])
    assert fitted["brier_cross_validated"] < report["prior"]["brier"]
    assert "cross-validated" in report["note"]

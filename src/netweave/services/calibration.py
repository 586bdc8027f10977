"""How well suggestion scores predicted debriefed outcomes, and a fitted model of them.

An introduction counts once it has a stored score (it came from a suggestion) and at least
one side debriefed; it went well (y = 1) when every debriefed side scored 4 or 5. The
features are the score's additive terms (`engine.weights.Weights.term_weights`) as stored
with the introduction; the maths is in `engine.calibration`.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.db.models_intro import Debrief, Introduction
from netweave.engine.calibration import MIN_OUTCOMES, brier, can_fit, fit_logistic, reliability

GOOD_OUTCOME = 4
IN_SAMPLE_NOTE = (
    "the fitted model's Brier score is from cross-validated predictions (each introduction "
    "predicted by a model fitted without it); its in-sample score would flatter it"
)


def outcomes(session: Session) -> tuple[list[dict[str, float]], list[float], list[int]]:
    """(terms, prior score, y) for each debriefed introduction with a stored score."""
    worst: dict[int, int] = {}
    for iid, outcome in session.execute(select(Debrief.introduction_id, Debrief.outcome)):
        worst[iid] = min(outcome, worst.get(iid, 5))
    if not worst:
        return [], [], []
    rows = session.execute(
        select(Introduction.id, Introduction.terms, Introduction.score)
        .where(Introduction.id.in_(worst), Introduction.score.is_not(None))
        .order_by(Introduction.id)
    ).all()
    terms = [{k: float(v) for k, v in (t or {}).items()} for _i, t, _s in rows]
    return (
        terms,
        [float(s) for _i, _t, s in rows],
        [int(worst[i] >= GOOD_OUTCOME) for i, *_ in rows],
    )


def feature_names(terms: list[dict[str, float]]) -> tuple[str, ...]:
    """The score's additive terms present in the data (else every stored term)."""
    from netweave.engine.weights import Weights

    present = set().union(*terms) if terms else set()
    additive = [name for name in Weights().term_weights() if name in present]
    return tuple(additive or sorted(present))


def _bins(p: Any, y: Any) -> list[dict[str, Any]]:
    return [asdict(b) for b in reliability(p, y)]


def calibration_report(session: Session) -> dict[str, Any]:
    """Brier score and reliability table of the prior and, with enough outcomes, the fit."""
    terms, scores, labels = outcomes(session)
    y = np.asarray(labels, dtype=np.float64)
    prior = np.clip(np.asarray(scores, dtype=np.float64), 0.0, 1.0)
    report: dict[str, Any] = {
        "outcomes": len(labels),
        "good": int(y.sum()),
        "threshold": MIN_OUTCOMES,
        "good_means": f"every debriefed side scored {GOOD_OUTCOME} or 5",
        "prior": {"brier": brier(prior, y) if len(y) else None, "reliability": _bins(prior, y)},
        "fitted": None,
        "note": IN_SAMPLE_NOTE,
    }
    if not can_fit(y):
        report["note"] = (
            f"the model is fitted from {MIN_OUTCOMES} debriefed introductions with at least two "
            f"good and two poor outcomes; {len(labels)} so far, so the prior weights stay in use"
        )
        return report
    names = feature_names(terms)
    x = np.asarray([[t.get(n, 0.0) for n in names] for t in terms], dtype=np.float64)
    fit = fit_logistic(x, y, names)
    report["fitted"] = {
        "brier_cross_validated": brier(fit.cv_probabilities, y),
        "folds": fit.folds,
        "intercept": fit.intercept,
        "coefficients": dict(zip(fit.features, fit.coefficients, strict=True)),
        "reliability": _bins(fit.cv_probabilities, y),
    }
    return report

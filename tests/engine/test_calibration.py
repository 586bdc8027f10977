"""Calibration maths on a simulated history with outcomes from a known logistic model."""

from __future__ import annotations

import numpy as np
import pytest

from netweave.engine.calibration import MIN_OUTCOMES, brier, can_fit, fit_logistic, reliability

FEATURES = ("reciprocal", "shared_sources", "interests")
TRUE_INTERCEPT = -2.0
TRUE_COEF = np.array([4.0, 1.5, -1.0])  # ordering: reciprocal > shared_sources > 0 > interests
PRIOR_WEIGHTS = np.array([0.50, 0.12, 0.06])  # the engine's prior weights for those terms


def simulate(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, 1.0, size=(n, len(FEATURES)))
    p = 1.0 / (1.0 + np.exp(-(TRUE_INTERCEPT + x @ TRUE_COEF)))
    y = (rng.uniform(size=n) < p).astype(np.float64)
    return x, y, x @ PRIOR_WEIGHTS


def test_brier_and_reliability_on_known_values() -> None:
    p = np.array([0.1, 0.1, 0.9, 0.9, 0.5])
    y = np.array([0.0, 1.0, 1.0, 1.0, 0.0])
    assert brier(p, y) == pytest.approx((0.01 + 0.81 + 0.01 + 0.01 + 0.25) / 5)
    bins = reliability(p, y, bins=5)
    assert [b.count for b in bins] == [2, 0, 1, 0, 2]
    assert bins[0].predicted == pytest.approx(0.1) and bins[0].observed == 0.5
    assert bins[1].predicted is None and bins[4].observed == 1.0
    assert reliability(np.array([1.0]), np.array([1.0]))[-1].count == 1  # p = 1 in the last bin


def test_fit_needs_enough_outcomes_of_both_kinds() -> None:
    assert not can_fit(np.ones(50))
    assert not can_fit(np.array([1.0, 0.0] * (MIN_OUTCOMES // 2 - 1)))
    assert can_fit(np.array([1.0, 0.0] * (MIN_OUTCOMES // 2)))
    with pytest.raises(ValueError, match="need 20 outcomes"):
        fit_logistic(np.zeros((5, 3)), np.ones(5), FEATURES)


def test_fit_recovers_the_signs_and_order_and_beats_the_prior() -> None:
    x, y, prior = simulate(600, seed=7)
    fit = fit_logistic(x, y, FEATURES)
    coef = dict(zip(fit.features, fit.coefficients, strict=True))
    assert coef["reciprocal"] > coef["shared_sources"] > 0 > coef["interests"]
    assert fit.intercept < 0
    fitted, baseline = brier(fit.cv_probabilities, y), brier(prior, y)
    assert fitted < baseline - 0.02, (fitted, baseline)
    # The cross-validated score is honest: no better than the true model's own Brier score.
    truth = 1.0 / (1.0 + np.exp(-(TRUE_INTERCEPT + x @ TRUE_COEF)))
    assert fitted >= brier(truth, y) - 0.01
    assert fit.folds == 5 and len(fit.cv_probabilities) == len(y)


def test_small_histories_still_fit_with_fewer_folds() -> None:
    x, y, _prior = simulate(24, seed=3)
    y[:3], y[3:6] = 1.0, 0.0  # at least three of each class
    fit = fit_logistic(x, y, FEATURES)
    assert 3 <= fit.folds <= 5

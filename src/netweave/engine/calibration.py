"""Calibration of suggestion scores against debriefed outcomes (arrays in, arrays out).

With y_k = 1 when introduction k went well (outcome >= 4) and p_k a predicted probability:

    Brier score   B = mean((p_k - y_k) ** 2)      0 is perfect; always saying 0.5 scores 0.25
    reliability   bins of p of equal width; per bin the count, the mean predicted p and the
                  observed frequency of y = 1 (a calibrated model has them close)

The fitted model is a logistic regression of y on the score's terms,

    P(y = 1 | x) = 1 / (1 + exp(-(b0 + b . x)))

(scikit-learn, L2-regularised with C = 1). In-sample predictions flatter any fitted model,
so its Brier score is computed from cross-validated predictions: each introduction is
predicted by a model fitted without it (stratified k-fold, k = min(5, rarer class count)).
The prior it is compared with is the engine's stored score taken as the probability.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
MIN_OUTCOMES = 20
"""Fit only from this many debriefed introductions with both classes present."""
MAX_FOLDS = 5


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int
    predicted: float | None
    observed: float | None


@dataclass(frozen=True)
class Fit:
    features: tuple[str, ...]
    intercept: float
    coefficients: tuple[float, ...]
    folds: int
    cv_probabilities: FloatArray

    def coefficient(self, name: str) -> float:
        return self.coefficients[self.features.index(name)]


def brier(p: FloatArray, y: FloatArray) -> float:
    """Mean squared difference between predicted probability and outcome (0 or 1)."""
    p, y = np.asarray(p, dtype=np.float64), np.asarray(y, dtype=np.float64)
    return float(np.mean((p - y) ** 2)) if len(p) else float("nan")


def reliability(p: FloatArray, y: FloatArray, bins: int = 5) -> list[Bin]:
    """Equal-width bins of predicted probability with counts and observed frequencies."""
    p = np.clip(np.asarray(p, dtype=np.float64), 0.0, 1.0)
    y = np.asarray(y, dtype=np.float64)
    edges = np.linspace(0.0, 1.0, bins + 1)
    index = np.minimum((p * bins).astype(np.int64), bins - 1)
    out = []
    for k in range(bins):
        mask = index == k
        n = int(mask.sum())
        out.append(
            Bin(
                float(edges[k]),
                float(edges[k + 1]),
                n,
                float(p[mask].mean()) if n else None,
                float(y[mask].mean()) if n else None,
            )
        )
    return out


def can_fit(y: FloatArray) -> bool:
    """Enough outcomes, and at least two of each class for cross-validation."""
    y = np.asarray(y)
    positives = int((y == 1).sum())
    return len(y) >= MIN_OUTCOMES and min(positives, len(y) - positives) >= 2


def fit_logistic(x: FloatArray, y: FloatArray, features: tuple[str, ...], seed: int = 0) -> Fit:
    """Fit on everything (for the coefficients) and cross-validate (for honest predictions)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.int64)
    if not can_fit(y):
        raise ValueError(f"need {MIN_OUTCOMES} outcomes with at least two of each class")
    model = LogisticRegression(C=1.0, max_iter=1000)
    model.fit(x, y)
    folds = min(MAX_FOLDS, int(min((y == 1).sum(), (y == 0).sum())))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    cv = cross_val_predict(
        LogisticRegression(C=1.0, max_iter=1000), x, y, cv=splitter, method="predict_proba"
    )[:, 1]
    return Fit(
        features,
        float(model.intercept_[0]),
        tuple(float(c) for c in model.coef_[0]),
        folds,
        np.asarray(cv, dtype=np.float64),
    )

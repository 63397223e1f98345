"""The readiness score: weights per severity, blocking findings cap it; good appeals score high, bad ones low."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from sellerdesk.analysis.appeal import analyze
from sellerdesk.analysis.i18n import Message
from sellerdesk.analysis.lint import BLOCKING_CAP, Finding, score_of
from tests.analysis.appeal_samples import run

APPEALS = Path(__file__).resolve().parents[2] / "sellerdesk" / "analysis" / "data" / "appeals.jsonl"


def _finding(severity: str) -> Finding:
    return Finding("x", severity, Message("x"))


def test_weights_and_the_cap():
    assert score_of([]) == 100
    assert score_of([_finding("info")]) == 98
    assert score_of([_finding("warning")]) == 92
    assert score_of([_finding("blocking")]) == BLOCKING_CAP
    assert score_of([_finding("blocking")] * 10) == 0


def test_ready_means_no_blocking_finding():
    good = run()
    assert good.ready and good.score >= 80
    bad = run(body="Верните деньги!!!")
    assert not bad.ready and bad.score <= BLOCKING_CAP


def test_findings_come_blocking_first():
    severities = [f.severity for f in run("Проблема!!!", "Верните деньги!!!").findings]
    assert severities == sorted(severities, key=["blocking", "warning", "info"].index)


def test_the_labelled_set_is_well_formed():
    rows = [json.loads(line) for line in APPEALS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 120
    assert {r["label"] for r in rows} == {"good", "bad"}
    chinese = [r for r in rows if any("\u4e00" <= ch <= "\u9fff" for ch in r["body"])]
    assert len(chinese) >= 20
    assert len({r["id"] for r in rows}) == len(rows)


def test_good_appeals_score_high_and_bad_ones_low_on_the_labelled_set():
    rows = [json.loads(line) for line in APPEALS.read_text(encoding="utf-8").splitlines() if line.strip()]
    scores = {"good": [], "bad": []}
    for row in rows:
        result = analyze(row["subject"], row["body"], platform=row["platform"], kind=row["kind"],
                         evidence=row["evidence"])
        scores[row["label"]].append(result.lint.score)
    assert statistics.mean(scores["good"]) >= 80
    assert statistics.mean(scores["bad"]) <= 50

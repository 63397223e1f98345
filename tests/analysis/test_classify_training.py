"""Training: the exported model is reproducible, agrees with scikit-learn, and its absence is explained."""

from __future__ import annotations

import json

import pytest

from sellerdesk.analysis import classify
from sellerdesk.analysis.data import dataset


def _subset(per_kind: int = 6) -> list[dataset.Example]:
    chosen, counts = [], {}
    for example in dataset.load():
        key = (example.kind, example.split)
        limit = per_kind if example.split == "train" else 2
        if counts.get(key, 0) < limit:
            counts[key] = counts.get(key, 0) + 1
            chosen.append(example)
    return chosen


def test_training_twice_writes_the_same_file_byte_for_byte(tmp_path):
    examples = _subset()  # calibration included: its folds are fixed too
    first = classify.train(out=tmp_path / "a.json", examples=examples, glossary=False, calibrate=True)
    second = classify.train(out=tmp_path / "b.json", examples=examples, glossary=False, calibrate=True)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert first.accuracy == second.accuracy
    assert first.test_size == 18 and first.train_size == 54


def test_the_exported_file_is_plain_json_lines_with_sorted_terms(tmp_path):
    classify.train(out=tmp_path / "m.json", examples=_subset(), glossary=False)
    lines = (tmp_path / "m.json").read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    assert header["classes"] == sorted(header["classes"])
    assert set(header["classes"]) == set(classify.KINDS)
    terms = [json.loads(line)[0] for line in lines[1:]]
    assert terms == sorted(terms)
    assert all(isinstance(w, int) for line in lines[1:4] for w in json.loads(line)[2])


def test_the_exported_model_agrees_with_scikit_learn(tmp_path):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    examples = _subset()
    out = tmp_path / "m.json"
    classify.train(out=out, examples=examples, glossary=False, calibrate=False)
    training = [e for e in examples if e.split == "train"]
    texts = [e.text for e in sorted(training, key=lambda e: e.id)]
    labels = [e.kind for e in sorted(training, key=lambda e: e.id)]
    analysed = [classify.analyze(t) for t in texts]
    vectorizer = TfidfVectorizer(analyzer=classify.analyze, sublinear_tf=True, lowercase=False,
                                 vocabulary=classify._vocabulary(analysed))
    model = LogisticRegression(C=20.0, max_iter=5000, random_state=0, tol=1e-6).fit(vectorizer.fit_transform(texts),
                                                                                   labels)
    exported = classify.read_model(out)
    probe = [e.text for e in examples if e.split == "test"] + ["штраф за габариты", "钱没到账", "cannot log in"]
    expected = model.predict_proba(vectorizer.transform(probe))
    for text, row in zip(probe, expected, strict=True):
        got = exported.probabilities(text)
        for kind, p in zip(model.classes_, row, strict=True):
            assert got[kind] == pytest.approx(p, abs=0.01)


def test_a_missing_model_says_to_run_train(tmp_path):
    with pytest.raises(classify.ModelMissing, match="sellerdesk train"):
        classify.classify("штраф", model_path=tmp_path / "nothing.json")


def test_a_broken_model_says_to_rebuild(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(classify.ModelMissing, match="sellerdesk train"):
        classify.read_model(broken)


def test_the_shipped_model_was_built_from_the_shipped_data():
    header = json.loads(classify.MODEL_PATH.read_text(encoding="utf-8").split("\n", 1)[0])
    assert header["features"] == classify.DEFAULT_FEATURES
    assert header["format"] == classify.MODEL_FORMAT


def test_the_labelled_set_is_large_varied_and_stratified():
    examples = dataset.load()
    assert len(examples) >= 640
    assert {e.kind for e in examples} == set(dataset.KINDS)
    assert {e.platform for e in examples} == set(dataset.PLATFORMS)
    share = {lang: sum(e.lang == lang for e in examples) / len(examples) for lang in dataset.LANGUAGES}
    assert 0.5 <= share["ru"] <= 0.65 and 0.2 <= share["zh"] <= 0.3 and 0.12 <= share["en"] <= 0.22
    test = [e for e in examples if e.split == "test"]
    assert 0.17 <= len(test) / len(examples) <= 0.23
    assert {e.kind for e in test} == set(dataset.KINDS)
    for kind in dataset.KINDS:  # stratified: every kind is held out in about the same share
        of_kind = [e for e in examples if e.kind == kind]
        assert 0.15 <= sum(e.split == "test" for e in of_kind) / len(of_kind) <= 0.25, kind
    texts = [e.text.lower() for e in examples]
    assert len(set(texts)) == len(texts)


def test_the_model_loads_once_and_serves_threads(monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    classify.forget_models()
    reads = []
    real = classify.read_model
    monkeypatch.setattr(classify, "read_model", lambda path: reads.append(path) or real(path))
    texts = ["штраф за габариты", "钱没到账", "cannot log in", "отзыв с матом"] * 10
    with ThreadPoolExecutor(max_workers=8) as pool:
        kinds = list(pool.map(lambda t: classify.classify(t).kind, texts))
    assert len(reads) == 1
    assert kinds[:4] == ["finance", "finance", "access", "reviews"]
    assert kinds == kinds[:4] * 10


def test_the_temperature_softens_or_sharpens_without_changing_the_ranking(tmp_path):
    out = tmp_path / "m.json"
    classify.train(out=out, examples=_subset(), glossary=False, calibrate=False)
    plain = classify.read_model(out)
    sharp = classify.KindModel(**{**plain.__dict__, "temperature": 0.5})
    text = "штраф за габариты, просим отменить"
    p, q = plain.probabilities(text), sharp.probabilities(text)
    assert sorted(p, key=p.get) == sorted(q, key=q.get)
    assert max(q.values()) > max(p.values())


def test_calibration_fits_a_temperature_on_training_folds(tmp_path):
    report = classify.train(out=tmp_path / "m.json", examples=_subset(), glossary=False, calibrate=True)
    assert 0.2 <= report.temperature <= 3.0
    assert classify.read_model(tmp_path / "m.json").temperature == report.temperature

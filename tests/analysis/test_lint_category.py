"""Category "other", or a category the text contradicts."""

from __future__ import annotations

from tests.analysis.appeal_samples import FakeClassification, codes, finding


def test_it_warns_about_the_category_other_and_suggests_the_detected_kind():
    result = finding("category.other", kind="other",
                     classification=FakeClassification("logistics", 0.8, [("logistics", 0.8), ("finance", 0.1)]))
    assert result.severity == "warning"
    assert "Logistics" in result.fix.render()
    assert "category.other" in codes(kind="logistics", category="Другое")


def test_it_warns_when_the_classifier_confidently_disagrees():
    classification = FakeClassification("content", 0.85, [("content", 0.85), ("logistics", 0.05)])
    result = finding("category.mismatch", kind="logistics", classification=classification)
    assert "Logistics" in result.message.render() and "Content" in result.message.render()


def test_it_is_quiet_when_the_chosen_kind_is_a_close_alternative_or_the_classifier_unsure():
    close = FakeClassification("finance", 0.62, [("finance", 0.62), ("logistics", 0.3)])
    unsure = FakeClassification("content", 0.45, [("content", 0.45), ("logistics", 0.4)])
    assert "category.mismatch" not in codes(kind="logistics", classification=close)
    assert "category.mismatch" not in codes(kind="logistics", classification=unsure)
    assert not {"category.mismatch", "category.other"} & codes(kind="logistics")


def test_it_warns_when_the_chosen_topic_belongs_to_another_kind():
    result = finding("category.mismatch", kind="logistics", topic_code="finance.penalty")
    assert "Оспорить штраф" in result.message.render() and "Finance" in result.message.render()
    assert "category.mismatch" not in codes(kind="logistics", topic_code="logistics.acceptance")

"""A greeting and a polite closing: small hints, never blockers."""

from __future__ import annotations

from tests.analysis.appeal_samples import PENALTY_BODY, VENDOR_BODY, VENDOR_FILES, VENDOR_SUBJECT, codes, finding


def test_greeting_and_closing_are_quiet_when_present():
    assert not {"tone.no_greeting", "tone.no_closing"} & codes()
    assert not {"tone.no_greeting", "tone.no_closing"} & codes(VENDOR_SUBJECT, VENDOR_BODY, platform="vendor",
                                                              kind="technical", evidence=VENDOR_FILES)


def test_missing_greeting_and_closing_are_hints():
    body = PENALTY_BODY.replace("Здравствуйте!\n\n", "").replace("\n\nСпасибо! С уважением, Анна Соколова", "")
    assert finding("tone.no_greeting", body=body).severity == "info"
    result = finding("tone.no_closing", body=body)
    assert result.severity == "info" and result.start == len(body)

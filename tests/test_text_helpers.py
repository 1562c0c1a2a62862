"""The shared text helpers: language tags and Arabic folding (expected values written by hand)."""

from __future__ import annotations

import pytest

from newsbot.arabic import fold_arabic
from newsbot.language import language_code


@pytest.mark.parametrize("tag, code", [("ar", "ar"), ("ar-SA", "ar"), ("ar_SA", "ar"), (" AR ", "ar"),
                                       ("en-US", "en"), ("zh-Hant-TW", "zh"), ("arz-EG", "ar"), ("yue", "zh"),
                                       ("", None), (None, None), ("-", None)])
def test_language_code_is_the_primary_subtag(tag, code):
    assert language_code(tag) == code


@pytest.mark.parametrize("typed, folded", [
    ("أحمد", "احمد"), ("إسلام", "اسلام"), ("آخر", "اخر"), ("ٱلله", "الله"),  # alef forms
    ("مستشفى", "مستشفي"), ("مدرسة", "مدرسه"),  # alef maqsura, ta marbuta
    ("مُحَمَّدٌ", "محمد"), ("كتـــاب", "كتاب"), ("هٰذا", "هذا"),  # harakat, tatweel, superscript alef
    ("٢٠٢٣ و۱۴۰۲", "2023 و1402"),  # Arabic-Indic and Persian digits
    ("Straße, 2023", "Straße, 2023"),  # other text unchanged
])
def test_arabic_spelling_variants_fold_to_one_form(typed, folded):
    assert fold_arabic(typed) == folded

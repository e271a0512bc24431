"""The rules of factlint. One module per rule; the registry below is the single list of them."""

from __future__ import annotations

# the precompiled patterns first, so that the rules' modules (and the facts they import) find
# theirs compiled; the snapshot is written once they are imported (below)
from factlint.text.snapshots import install_patterns, save_patterns  # isort: skip

install_patterns()

from factlint.rule import Rule  # noqa: E402
from factlint.rules import (  # noqa: E402
    approximate_number_in_digits,
    approximate_numerals_with_dunhao,
    autonomous_name_short_form,
    average_arithmetic,
    classifier_conflict,
    classifier_noun_mismatch,
    confusable_variant,
    count_claim_mismatch,
    cross_document_copy,
    degree_celsius_symbol,
    duplicate_paragraph,
    duplicate_sentence,
    figure_conflict,
    growth_rate_arithmetic,
    half_width_punctuation,
    impossible_date,
    known_misuse,
    list_member_conflict,
    misused_baifenbai,
    mixed_numeral_form,
    mixed_unit_compound,
    near_duplicate_paragraph,
    non_legal_unit,
    numeral_style_mix,
    parts_exceed_total,
    percentage_point_arithmetic,
    points_on_non_rate,
    quoted_name_variant,
    range_missing_unit,
    ratio_sum,
    share_over_hundred,
    split_paragraph,
    stray_space,
    truncated_paragraph,
    unbalanced_pair,
    unit_symbol_case,
    unused_suppression,
    zero_in_chinese_year,
)

#: Every rule, sorted by code. A meta-test checks that every module of this package is listed.
REGISTRY: tuple[Rule, ...] = tuple(
    sorted(
        (
            Rule.from_module(m)
            for m in (
                approximate_number_in_digits,
                mixed_numeral_form,
                range_missing_unit,
                zero_in_chinese_year,
                approximate_numerals_with_dunhao,
                autonomous_name_short_form,
                classifier_conflict,
                classifier_noun_mismatch,
                confusable_variant,
                list_member_conflict,
                quoted_name_variant,
                figure_conflict,
                non_legal_unit,
                unit_symbol_case,
                mixed_unit_compound,
                degree_celsius_symbol,
                points_on_non_rate,
                count_claim_mismatch,
                duplicate_paragraph,
                cross_document_copy,
                near_duplicate_paragraph,
                numeral_style_mix,
                percentage_point_arithmetic,
                growth_rate_arithmetic,
                impossible_date,
                average_arithmetic,
                share_over_hundred,
                ratio_sum,
                parts_exceed_total,
                duplicate_sentence,
                misused_baifenbai,
                known_misuse,
                truncated_paragraph,
                split_paragraph,
                unbalanced_pair,
                half_width_punctuation,
                stray_space,
                unused_suppression,
            )
        ),
        key=lambda r: r.code,
    )
)

BY_CODE: dict[str, Rule] = {r.code: r for r in REGISTRY}
BY_NAME: dict[str, Rule] = {r.name: r for r in REGISTRY}

# the patterns the rules and views compiled when imported, saved for the next start-up
save_patterns()

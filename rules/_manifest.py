"""The listing of every rule (:class:`factlint.rule.RuleListing`), generated from the rules' modules,
so that listing, selecting and configuring rules imports none of them (issue 15: start-up).

Generated: do not edit. After changing a rule's ``META`` (or adding a rule), write it again with
``python -m factlint.rules --write``; tests/test_registry.py fails until then, and so
does loading the rule whose metadata changed (:class:`factlint.rule.StaleManifest`).
"""

from __future__ import annotations

#: module, code, name, severity, summary in Chinese and in English, fixable, fix safety, scope,
#: the repr of the default options; sorted by code
# fmt: off
RULES: tuple[tuple[str, str, str, str, str, str, bool, str, str, str], ...] = (
    ('list_member_conflict', 'C101', 'list-member-conflict', 'warning', '同名列举的成员前后不一致', 'the same named list enumerated with different members', False, 'safe', 'corpus', 'NoOptions()'),
    ('quoted_name_variant', 'C102', 'quoted-name-variant', 'warning', '引号内名称与别处的同音写法不一致', 'a quoted name spelt with a homophone elsewhere', False, 'safe', 'corpus', 'NoOptions()'),
    ('figure_conflict', 'C103', 'figure-conflict', 'warning', '同一事实前后数字不一致', 'one fact stated with two different figures', False, 'safe', 'corpus', 'NoOptions()'),
    ('autonomous_name_short_form', 'C104', 'autonomous-name-short-form', 'warning', '民族自治地方名称使用了简称', 'short name of an autonomous area', False, 'safe', 'corpus', 'NoOptions()'),
    ('duplicate_paragraph', 'D101', 'duplicate-paragraph', 'error', '段落重复出现', 'paragraph appears twice', False, 'safe', 'document', 'NoOptions()'),
    ('near_duplicate_paragraph', 'D102', 'near-duplicate-paragraph', 'warning', '段落与前文高度相似', 'paragraph nearly repeats an earlier one', False, 'safe', 'document', 'Options(threshold=0.85)'),
    ('duplicate_sentence', 'D103', 'duplicate-sentence', 'info', '句子重复出现', 'sentence appears twice', False, 'safe', 'document', 'NoOptions()'),
    ('cross_document_copy', 'D104', 'cross-document-copy', 'warning', '段落与另一篇文稿的段落相同', 'paragraph copied from another document', False, 'safe', 'corpus', 'NoOptions()'),
    ('approximate_number_in_digits', 'N101', 'approximate-number-in-digits', 'warning', '含“数”“几”的概数用了阿拉伯数字', 'an approximation with 数 or 几 written in Arabic digits', True, 'safe', 'document', 'NoOptions()'),
    ('mixed_numeral_form', 'N102', 'mixed-numeral-form', 'warning', '阿拉伯数字与汉字数字“十”“百”“千”混用', 'an Arabic number joined to the Chinese numeral 十, 百 or 千', True, 'mixed', 'document', 'NoOptions()'),
    ('range_missing_unit', 'N103', 'range-missing-unit', 'warning', '数值范围的前一个数省略了“万”“亿”或“%”', 'a range whose first number drops 万, 亿 or the % sign', True, 'safe', 'document', 'NoOptions()'),
    ('zero_in_chinese_year', 'N104', 'zero-in-chinese-year', 'warning', '逐位书写的汉字数字（年份、编号）中“0”写成了“零”', '零 in a number written digit by digit (a year, a code), where 〇 belongs', True, 'safe', 'document', 'NoOptions()'),
    ('approximate_numerals_with_dunhao', 'N105', 'approximate-numerals-with-dunhao', 'warning', '相邻数字连用表示概数时用了顿号', 'neighbouring numerals of an approximation split by 、', True, 'safe', 'document', 'NoOptions()'),
    ('count_claim_mismatch', 'N110', 'count-claim-mismatch', 'warning', '数量概括与所列项数不符', 'a count claim that disagrees with its list', False, 'safe', 'document', 'NoOptions()'),
    ('numeral_style_mix', 'N120', 'numeral-style-mix', 'warning', '同一句或同一列举中同类计数数字形式不统一', 'like counts in one sentence or one list in mixed numeral styles', True, 'unsafe', 'document', 'NoOptions()'),
    ('percentage_point_arithmetic', 'N130', 'percentage-point-arithmetic', 'error', '百分点变化与前后比率不符', 'a percentage-point change that does not add up', False, 'safe', 'document', 'NoOptions()'),
    ('share_over_hundred', 'N131', 'share-over-hundred', 'error', '占比超过100%', 'a share of a whole above 100%', False, 'safe', 'document', 'NoOptions()'),
    ('parts_exceed_total', 'N132', 'parts-exceed-total', 'error', '“其中”所列分项或其和超过总数', 'a part under 其中, or the sum of the parts, exceeds the total', False, 'safe', 'document', 'NoOptions()'),
    ('points_on_non_rate', 'N133', 'points-on-non-rate', 'warning', '绝对量的变化用了“个百分点”', 'the change of an amount given in percentage points', False, 'safe', 'document', 'NoOptions()'),
    ('growth_rate_arithmetic', 'N134', 'growth-rate-arithmetic', 'error', '增减幅度与前后数值不符', 'a growth rate that contradicts its two values', False, 'safe', 'document', 'NoOptions()'),
    ('ratio_sum', 'N135', 'ratio-sum', 'error', '产业结构比例之和不是100，或与所列数值不符', 'an industry structure ratio that does not add up to 100 or to its values', False, 'safe', 'document', 'NoOptions()'),
    ('average_arithmetic', 'N136', 'average-arithmetic', 'error', '平均数与总数÷个数不符', 'an average that contradicts total ÷ count', False, 'safe', 'document', 'NoOptions()'),
    ('impossible_date', 'N137', 'impossible-date', 'error', '不存在的日期或倒置的起止时间', 'a date that does not exist or a range that runs backwards', False, 'safe', 'document', 'NoOptions()'),
    ('half_width_punctuation', 'P101', 'half-width-punctuation', 'warning', '中文中使用了半角标点', 'half-width punctuation in Chinese text', True, 'safe', 'document', 'NoOptions()'),
    ('stray_space', 'P102', 'stray-space', 'warning', '中文之间多余空格', 'stray space in Chinese text', True, 'safe', 'document', 'NoOptions()'),
    ('truncated_paragraph', 'S101', 'truncated-paragraph', 'warning', '段落在句中中断', 'paragraph stops mid-sentence', False, 'safe', 'document', 'NoOptions()'),
    ('split_paragraph', 'S102', 'split-paragraph', 'warning', '段落被空行断开', 'paragraph broken in two by blank lines', True, 'unsafe', 'document', 'NoOptions()'),
    ('unbalanced_pair', 'S103', 'unbalanced-pair', 'warning', '引号或括号不成对', 'unbalanced quote or bracket', False, 'safe', 'document', 'NoOptions()'),
    ('misused_baifenbai', 'T101', 'misused-baifenbai', 'error', '“个百分百”应为“个百分点”', '“百分百” used for “百分点” (percentage point)', True, 'safe', 'document', 'NoOptions()'),
    ('confusable_variant', 'T102', 'confusable-variant', 'warning', '罕见写法与本次检查或词典中的常用写法只差一个形近或音近字', 'a one-off spelling one look-alike or sound-alike character away from a term in use', False, 'safe', 'corpus', 'Options(max_rare=1, min_gain=5.0)'),
    ('known_misuse', 'T103', 'known-misuse', 'error', '常见误用字词或用语规范表禁用的写法', 'a known misuse, or a spelling the fact sheet forbids', True, 'mixed', 'corpus', 'NoOptions()'),
    ('classifier_conflict', 'U101', 'classifier-conflict', 'warning', '同一计量对象使用了不同量词', 'one measure counted with different classifiers', False, 'safe', 'corpus', 'NoOptions()'),
    ('classifier_noun_mismatch', 'U102', 'classifier-noun-mismatch', 'warning', '量词与所计对象不符', 'a classifier that does not fit its noun', False, 'safe', 'document', 'NoOptions()'),
    ('non_legal_unit', 'U103', 'non-legal-unit', 'warning', '使用了非法定计量单位（公尺、公升等）', 'a unit that is not a legal unit of measurement in China (公尺, 公升 …)', True, 'safe', 'document', 'NoOptions()'),
    ('unit_symbol_case', 'U104', 'unit-symbol-case', 'warning', '数字后的单位符号大小写有误（KG、KW、KV等）', 'a unit symbol after a number in the wrong case (KG, KW, KV …)', True, 'safe', 'document', 'NoOptions()'),
    ('mixed_unit_compound', 'U105', 'mixed-unit-compound', 'warning', '组合单位混用单位符号与中文名称（km/时）', 'a compound unit mixing symbols and Chinese unit names (km/时)', False, 'safe', 'document', 'NoOptions()'),
    ('degree_celsius_symbol', 'U106', 'degree-celsius-symbol', 'warning', '摄氏度写作°C、oC等，应为“℃”', 'the degree Celsius written °C, oC or similar instead of ℃', True, 'safe', 'document', 'NoOptions()'),
    ('unused_suppression', 'X100', 'unused-suppression', 'warning', '没有作用的抑制注释', 'an inline suppression comment that has no effect', True, 'safe', 'suppressions', 'NoOptions()'),
)
# fmt: on


def generate() -> str:
    """The text of this module, made from the rules' modules (every one imported)."""
    import importlib
    import pkgutil
    from pathlib import Path

    from factlint.rule import NoOptions, RuleMeta

    folder = Path(__file__).parent
    rows = []
    for info in pkgutil.iter_modules([str(folder)]):
        if info.ispkg or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"factlint.rules.{info.name}")
        meta: RuleMeta = module.META
        rows.append(
            (
                info.name,
                meta.code,
                meta.name,
                meta.severity.value,
                meta.summary.zh,
                meta.summary.en,
                meta.fixable,
                meta.fix_safety,
                meta.scope,
                repr(getattr(module, "Options", NoOptions)()),
            )
        )
    rows.sort(key=lambda row: row[1])
    source = Path(__file__).read_text(encoding="utf-8")
    start = source.index("RULES: tuple[")
    start = source.index("\n", start) + 1
    end = source.index(")\n# fmt: on", start)
    body = "".join(f"    {row!r},\n" for row in rows)
    return source[:start] + body + source[end:]

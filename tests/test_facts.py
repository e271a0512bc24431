"""The project fact sheet: loading and validating ``[facts]``, and the consistency rules using it
over both seed reports together."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from factlint.engine.core import Engine
from factlint.facts.corpus import Corpus
from factlint.facts.sheet import FactSheet, FactSheetError
from factlint.inputs.reading import document_for
from factlint.project.config import ConfigError, parse_config
from factlint.rules import BY_CODE, REGISTRY
from factlint.text.document import Document

from tests.cli_support import run, write
from tests.conftest import SEEDS

SHEET = """
[facts.names]
"河南蒙古族自治县" = ["河南县"]

[facts.groups]
"一市三县" = ["同仁市", "尖扎县", "泽库县", "河南蒙古族自治县"]

[facts.spellings]
"援青" = ["接青"]
"""


def facts(table: dict[str, object]) -> FactSheet:
    return parse_config({"facts": table}, None, list(REGISTRY)).facts


# ---- loading ----------------------------------------------------------------------------------


def test_fact_sheet_loads_names_groups_and_spellings() -> None:
    sheet = facts(
        {
            "names": {"河南蒙古族自治县": ["河南县"], "同仁市": ["同仁"]},
            "groups": {"一市三县": ["同仁市", "尖扎县", "泽库县", "河南蒙古族自治县"]},
            "spellings": {"援青": ["接青", "授青"]},
        }
    )
    assert sheet.names == {"河南蒙古族自治县": ("河南县",), "同仁市": ("同仁",)}
    assert sheet.groups["一市三县"][-1] == "河南蒙古族自治县"
    assert sheet.spellings == {"接青": "援青", "授青": "援青"}
    assert sheet.canonical("河南县") == "河南蒙古族自治县"
    assert sheet.canonical("同仁") == "同仁市"
    assert sheet.canonical("尖扎县") == "尖扎县"
    assert sheet


def test_no_fact_sheet_is_empty() -> None:
    config = parse_config({}, None, list(REGISTRY))
    assert not config.facts
    assert config.facts.canonical("河南县") == "河南县"


def test_direct_construction_builds_the_reverse_index() -> None:
    sheet = FactSheet(names={"河南蒙古族自治县": ("河南县",)})
    assert sheet.canonical("河南县") == "河南蒙古族自治县"
    assert FactSheet(names={"a": ("b",)}) == FactSheet(names={"a": ("b",)})


@pytest.mark.parametrize(
    ("table", "zh", "en"),
    [
        ({"name": {}}, "未知子表“name”，是否想写“names”？", "unknown sub-table “name”"),
        ({"aliases": {}}, "未知子表“aliases”（可用", "unknown sub-table “aliases” (valid"),
        ({"names": ["河南县"]}, "facts.names 应为表", "facts.names must be a table"),
        ({"names": {"河南蒙古族自治县": []}}, "“河南蒙古族自治县” 的列表为空", "is an empty list"),
        ({"names": {"河南蒙古族自治县": [3]}}, "3 不是字符串", "3 is not a string"),
        (  # as everywhere in the config, a list of one is still written as a list
            {"names": {"河南蒙古族自治县": "河南县"}},
            'facts.names.“河南蒙古族自治县” 应为字符串列表，而不是字符串（请写成 ["河南县"]）',
            'must be a list of strings, not a string (write ["河南县"])',
        ),
        (
            {"groups": {"一市三县": "同仁市、尖扎县、泽库县、河南蒙古族自治县"}},
            "facts.groups.“一市三县” 应为字符串列表，而不是字符串",
            "must be a list of strings, not a string",
        ),
        ({"spellings": {"援青": "接青"}}, "facts.spellings.“援青” 应为字符串列表", "not a string"),
        (
            {"names": {"河南蒙古族自治县": 3}},
            "应为字符串列表",
            "must be a list of strings, not int",
        ),
        ({"names": {"河南蒙古族自治县": [""]}}, "含有空字符串", "contains an empty string"),
        (
            {"names": {"河南蒙古族自治县": ["河南县"], "河南州": ["河南县"]}},
            "facts.names.“河南州”：别名“河南县”已声明为“河南蒙古族自治县”的别名",
            "alias “河南县” is already declared for “河南蒙古族自治县”",
        ),
        ({"names": {"同仁市": ["同仁市"]}}, "别名“同仁市”与规范名称相同", "is the canonical name"),
        (
            {"names": {"同仁市": ["同仁"], "同仁": ["同仁县"]}},
            "别名“同仁”本身已声明为规范名称",
            "is itself declared as a canonical name",
        ),
        (
            {
                "names": {"河南蒙古族自治县": ["河南县"]},
                "groups": {"一市三县": ["同仁市", "河南县"]},
            },
            "facts.groups.“一市三县”：成员“河南县”是“河南蒙古族自治县”的别名，请写规范名称",
            "member “河南县” is an alias of “河南蒙古族自治县”",
        ),
        ({"groups": {"一市三县": ["同仁市", "同仁市"]}}, "成员“同仁市”重复", "listed twice"),
        (
            {"spellings": {"援青": ["接青"], "助青": ["接青"]}},
            "禁用写法“接青”已对应推荐写法“援青”",
            "already declared for “援青”",
        ),
        ({"spellings": {"援青": ["援青"]}}, "与推荐写法相同", "is the preferred one itself"),
    ],
)
def test_invalid_entries_are_clear_config_errors(
    table: dict[str, object], zh: str, en: str
) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config({"facts": table}, Path("factlint.toml"), list(REGISTRY))
    assert info.value.message.zh.startswith("factlint.toml：")
    assert zh in info.value.message.zh
    assert en in info.value.message.en


def test_fact_sheet_error_is_bilingual() -> None:
    with pytest.raises(FactSheetError) as info:
        FactSheet.from_table({"groups": {"一市三县": []}})
    assert info.value.zh == "facts.groups.“一市三县” 的列表为空"
    assert info.value.en == "facts.groups.“一市三县” is an empty list"


# ---- the seeds, together ----------------------------------------------------------------------


def seeds() -> list[Document]:
    return [
        document_for(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))
    ]


def consistency(sheet: FactSheet) -> list[tuple[str, int, int, str]]:
    engine = Engine([BY_CODE["C101"], BY_CODE["C102"]])
    engine.config.facts = sheet
    return [
        (d.path, d.location.line, d.location.column, d.message.zh) for d in engine.check(seeds())
    ]


def test_seeds_together_report_the_short_county_name() -> None:
    assert consistency(FactSheet()) == [
        (
            "001_005d632f3578d643.txt",
            51,
            120,
            "“一市三县”的成员“河南县”在别处写作“河南蒙古族自治县”",
        )
    ]


def test_alias_in_the_fact_sheet_silences_the_list_finding() -> None:
    assert consistency(FactSheet(names={"河南蒙古族自治县": ("河南县",)})) == []


def test_declared_group_is_the_reference() -> None:
    group = FactSheet(groups={"一市三县": ("同仁市", "尖扎县", "泽库县", "河南蒙古族自治县")})
    assert [(p, line, m) for p, line, _, m in consistency(group)] == [
        (
            "001_005d632f3578d643.txt",
            51,
            "“一市三县”的成员“河南县”在用语规范表中写作“河南蒙古族自治县”",
        )
    ]
    renamed = FactSheet(groups={"一市三县": ("同仁市", "尖扎县", "泽库县", "河南县")})
    assert [(p, line) for p, line, _, _ in consistency(renamed)] == [
        ("000_8afbd95b8d5e6e23.txt", 35)
    ]


def test_corpus_uses_the_config_fact_sheet() -> None:
    sheet = FactSheet(names={"a": ("b",)})
    engine = Engine([BY_CODE["C101"]])
    engine.config.facts = sheet
    assert Corpus([], facts=sheet).facts is sheet
    assert engine.check([]) == []


@pytest.mark.usefixtures("project")
def test_cli_seeds_with_and_without_a_fact_sheet(capsys: pytest.CaptureFixture[str]) -> None:
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, seed.name)
    names = sorted(p.name for p in SEEDS.glob("*.txt"))

    def c_findings() -> list[tuple[str, int, str]]:
        code, out, err = run(capsys, "check", "--format", "json", "--select", "C", *names)
        assert code in (0, 1), err
        # C104 reports the short name 黄南州 of seed 000 (its byline names 黄南藏族自治州) whatever the
        # sheet says of 河南县: not the C101 finding this test follows
        return [
            (f["path"], f["line"], f["related"][0]["path"])
            for f in json.loads(out)
            if f["code"] != "C104"
        ]

    assert c_findings() == [(names[1], 51, names[0])]
    write("factlint.toml", SHEET)
    assert c_findings() == []
    write("factlint.toml", '[facts.names]\n"河南蒙古族自治县" = []\n')
    code, _, err = run(capsys, "check", "--select", "C", *names)
    assert code == 2
    assert "facts.names.“河南蒙古族自治县” 的列表为空" in err


@pytest.mark.usefixtures("project")
def test_fact_sheet_in_pyproject(capsys: pytest.CaptureFixture[str]) -> None:
    write("pyproject.toml", '[tool.factlint.facts.names]\n"河南蒙古族自治县" = ["河南县"]\n')
    write(
        "a.txt",
        "“一市三县”（同仁市、尖扎县、泽库县、河南蒙古族自治县）。\n\n“一市三县”（同仁市、尖扎县、泽库县、河南县）。\n",
    )
    code, out, _ = run(capsys, "check", "--format", "json", "--select", "C", "a.txt")
    assert (code, json.loads(out)) == (0, [])
    write("pyproject.toml", "[tool.factlint.facts]\nname = {}\n")
    code, _, err = run(capsys, "check", "--select", "C", "a.txt")
    assert code == 2
    assert "未知子表“name”，是否想写“names”？" in err


def test_full_names_of_autonomous_areas_are_found_as_one_regex_pass_finds_them() -> None:
    """C104 searches its full names only before each 自治 of the text: the same matches as one
    pass of the pattern over the whole text (neither 自 nor 治 is a nationality's character)."""
    from factlint.rules import autonomous_name_short_form as c104

    assert not {"自", "治"} & c104._NAME_CHARS
    text = (
        "黄南藏族自治州、海南藏族自治州和河南蒙古族自治县，苗族侗族自治州，回族自治区自治州；"
        "自治县藏族自治旗 蒙古自治州自治自治州族自治县土族自治县撒拉族自治县末尾藏族自治"
    ) * 3
    expected = [(m.span(), m.group("level")) for m in c104._FULL.finditer(text)]
    found = [(m.span(), m.group("level")) for m in c104._full_matches(text)]
    assert found == expected
    assert len(found) >= 20

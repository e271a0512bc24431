"""The review copy opens without a repair prompt (issue 14 item 2): every part it changed or added
validates against the ECMA-376 Transitional schemas (WordprocessingML and the packaging schemas),
read as Word reads it (Markup Compatibility resolved first), and the package holds together — every
comment's id unique and matched by its range marks, its reference and its text; every tracked
change's id unique; no insertion inside an insertion nor deletion inside a deletion; the comments
part related from the document and given its content type.

The originals are validated too, as the control: an original that fails says the validation is
wrong, not the writer. And a copy broken on purpose fails, so the checks can fail.

The schemas are not part of the repository: they are looked for in ``$FACTLINT_OOXML_SCHEMAS`` or
in ``../shared/schemas/ooxml`` (the files of ``OfficeOpenXML-XMLSchema-Transitional`` and
``OpenPackagingConventions-XMLSchema`` of ECMA-376 5th edition, unmodified). Missing, the schema
tests are skipped with the reason in the summary, or fail with ``FACTLINT_REQUIRE_SCHEMAS=1``; the
package checks always run. (They are data the project may not commit: fetched files stay out of
the repository, and ``../shared`` is kept by those who steer the project.)"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest
from lxml import etree

from tests.conftest import SHARED
from tests.test_review_copy import BOLD, SEED_NAMES, bold, parts, review, seed_docx
from tests.test_word_parts import CT, REL, draft, p, part, r
from tests.test_wordml import TEMPLATE, document_xml, docx_with

pytestmark = pytest.mark.usefixtures("project")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XS = "{http://www.w3.org/2001/XMLSchema}"
XML_NS = "http://www.w3.org/XML/1998/namespace"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
# the tracked changes whose ids Word keeps apart from the comments'
REVISIONS = {
    W + name
    for name in (
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "trPrChange",
        "tcPrChange",
        "numberingChange",
        "cellIns",
        "cellDel",
        "cellMerge",
    )
}

# The schema of the xml: namespace that wml.xsd imports without a location (xml:space, xml:lang).
XML_XSD = f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="{XML_NS}">
<xsd:attribute name="space"><xsd:simpleType><xsd:restriction base="xsd:NCName">
<xsd:enumeration value="default"/><xsd:enumeration value="preserve"/>
</xsd:restriction></xsd:simpleType></xsd:attribute>
<xsd:attribute name="lang" type="xsd:language"/>
</xsd:schema>"""


# --- the schemas ------------------------------------------------------------------------------


def schema_folder() -> Path | None:
    named = os.environ.get("FACTLINT_OOXML_SCHEMAS")
    for folder in ([Path(named)] if named else []) + [SHARED / "schemas" / "ooxml"]:
        if (folder / "wml.xsd").is_file():
            return folder
    return None


class Schemas:
    """wml.xsd (with what it imports) and the packaging schemas, by the namespace of a part's
    root; the namespaces they define are the ones Markup Compatibility treats as understood."""

    def __init__(self, folder: Path, scratch: Path) -> None:
        (scratch / "xml.xsd").write_text(XML_XSD, encoding="utf-8")
        self.by_root: dict[str, etree.XMLSchema] = {}
        self.understood: set[str] = {XML_NS, MC}
        for name in folder.glob("*.xsd"):
            target = etree.parse(str(name)).getroot().get("targetNamespace")
            if target:
                self.understood.add(target)
        for name, root in (
            ("wml.xsd", W_NS),
            ("opc-contentTypes.xsd", CONTENT_TYPES),
            ("opc-relationships.xsd", RELATIONSHIPS),
        ):
            tree = etree.parse(str(folder / name))
            for imported in tree.getroot().iter(XS + "import"):
                if imported.get("namespace") == XML_NS:
                    imported.set("schemaLocation", (scratch / "xml.xsd").as_uri())
            self.by_root[root] = etree.XMLSchema(tree)

    def errors(self, name: str, content: bytes) -> list[str]:
        """What the schema says of one part, read as Word reads it (empty: valid)."""
        root = compatible(etree.fromstring(content), self.understood)
        schema = self.by_root.get(etree.QName(root).namespace or "")
        if schema is None:
            return []  # a part of no schema here (docProps, a theme): not one the review writes
        if schema.validate(root):
            return []
        return [f"{name}:{e.line}: {e.message}" for e in schema.error_log]  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> Schemas:
    folder = schema_folder()
    if folder is None:
        reason = (
            "the ECMA-376 schemas are not there: put wml.xsd and the rest of "
            "OfficeOpenXML-XMLSchema-Transitional and OpenPackagingConventions-XMLSchema in "
            f"{SHARED / 'schemas' / 'ooxml'} or name their folder in FACTLINT_OOXML_SCHEMAS"
        )
        if os.environ.get("FACTLINT_REQUIRE_SCHEMAS") == "1":
            pytest.fail(f"FACTLINT_REQUIRE_SCHEMAS=1 but {reason}")
        pytest.skip(reason)
    return Schemas(folder, tmp_path_factory.mktemp("xsd"))


# --- Markup Compatibility (ECMA-376 Part 3), as a consumer that knows the schemas' namespaces ----


def compatible(root: etree._Element, understood: set[str]) -> etree._Element:
    """The part as a consumer that understands ``understood`` reads it: each mc:AlternateContent
    replaced by the content of its first mc:Choice whose Requires it understands, else of its
    mc:Fallback; the elements and attributes of the ignorable namespaces it does not understand
    removed (the content of those named in mc:ProcessContent kept in their place); the mc:
    attributes gone."""

    def namespaces(element: etree._Element, value: str | None) -> set[str]:
        return {element.nsmap.get(prefix.split(":")[0]) or "" for prefix in (value or "").split()}

    while (choice := next(root.iter(f"{{{MC}}}AlternateContent"), None)) is not None:
        chosen = next(
            (
                c
                for c in choice
                if c.tag == f"{{{MC}}}Choice" and namespaces(c, c.get("Requires")) <= understood
            ),
            choice.find(f"{{{MC}}}Fallback"),
        )
        for kept in list(chosen) if chosen is not None else []:
            choice.addprevious(kept)
        parent = choice.getparent()
        assert parent is not None, "an mc:AlternateContent as the root"
        parent.remove(choice)

    def walk(element: etree._Element, ignorable: set[str], process: set[str]) -> None:
        ignorable = ignorable | (
            namespaces(element, element.get(f"{{{MC}}}Ignorable")) - understood
        )
        process = process | namespaces(element, element.get(f"{{{MC}}}ProcessContent"))
        for name in list(element.attrib):
            if etree.QName(name).namespace in ignorable | {MC}:
                del element.attrib[name]
        for child in list(element):
            if not isinstance(child.tag, str):
                continue
            namespace = etree.QName(child).namespace
            if namespace in ignorable:
                if namespace in process:
                    for kept in list(child):
                        child.addprevious(kept)
                        walk(kept, ignorable, process)
                element.remove(child)
            else:
                walk(child, ignorable, process)

    walk(root, set(), set())
    etree.cleanup_namespaces(root)
    return root


# --- the package's invariants ----------------------------------------------------------------


def package_errors(data: bytes) -> list[str]:
    """What makes Word repair a package though each part is valid alone."""
    members = parts(data)
    errors: list[str] = []
    every = {
        name: etree.fromstring(content)
        for name, content in members.items()
        if name.startswith("word/") and name.endswith(".xml")
    }
    stories = {name: root for name, root in every.items() if name != "word/comments.xml"}
    # the tracked changes (in the comments' text too): ids unique across the document; none
    # nested in its own kind
    revision_ids = Counter(
        e.get(W + "id") for root in every.values() for e in root.iter(*REVISIONS)
    )
    errors += [f"tracked change id {i!r} used {n} times" for i, n in revision_ids.items() if n > 1]
    errors += [
        f"tracked change without an id in {name}"
        for name, root in every.items()
        if any(e.get(W + "id") is None for e in root.iter(*REVISIONS))
    ]
    # a prefix Markup Compatibility names must be declared where it is named
    for name, root in every.items():
        for e in root.iter():
            for attribute in (f"{{{MC}}}Ignorable", f"{{{MC}}}ProcessContent"):
                for prefix in (e.get(attribute) or "").split():
                    if prefix.split(":")[0] not in e.nsmap:
                        errors.append(
                            f"{name}: {prefix!r} of mc:{attribute[len(MC) + 2 :]} undeclared"
                        )
    for name, root in every.items():
        for kind in ("ins", "del"):
            for e in root.iter(W + kind):
                if any(a.tag == W + kind for a in e.iterancestors()):
                    errors.append(f"{name}: a w:{kind} inside a w:{kind}")
    # the comments: each id once per kind of mark, every mark matched, the range in order
    marks: dict[str, Counter[str]] = {
        kind: Counter() for kind in ("commentRangeStart", "commentRangeEnd", "commentReference")
    }
    for name, root in stories.items():
        open_: set[str] = set()
        for e in root.iter(W + "commentRangeStart", W + "commentRangeEnd"):
            i = e.get(W + "id") or ""
            if e.tag == W + "commentRangeStart":
                open_.add(i)
            elif i not in open_:
                errors.append(f"{name}: comment {i!r} ends before it starts")
        for kind, counter in marks.items():
            counter.update(e.get(W + "id") or "" for e in root.iter(W + kind))
    texts: Counter[str] = Counter()
    if "word/comments.xml" in every:
        texts.update(c.get(W + "id") or "" for c in every["word/comments.xml"].iter(W + "comment"))
    for kind, counter in [*marks.items(), ("comment", texts)]:
        errors += [f"{kind} id {i!r} used {n} times" for i, n in counter.items() if n > 1]
    ids = set(texts) | {i for counter in marks.values() for i in counter}
    for i in sorted(ids):
        missing = [
            kind for kind, counter in [*marks.items(), ("comment", texts)] if i not in counter
        ]
        # Word anchors a comment without a range on its reference alone; never without its text
        if missing and missing != ["commentRangeStart", "commentRangeEnd"]:
            errors.append(f"comment {i!r} has no {', '.join(missing)}")
    if texts:
        rels = etree.fromstring(members.get("word/_rels/document.xml.rels", b"<none/>"))
        if not any(
            rel.get("Type") == COMMENTS_TYPE
            and rel.get("Target") in ("comments.xml", "/word/comments.xml")
            for rel in rels.iter(f"{{{RELATIONSHIPS}}}Relationship")
        ):
            errors.append("no relationship from word/document.xml to word/comments.xml")
        types = etree.fromstring(members["[Content_Types].xml"])
        overrides = Counter(
            (o.get("PartName"), o.get("ContentType"))
            for o in types.iter(f"{{{CONTENT_TYPES}}}Override")
        )
        if overrides[("/word/comments.xml", COMMENTS_CONTENT)] != 1:
            errors.append("no Override of /word/comments.xml in [Content_Types].xml")
    return errors


# --- the copies -------------------------------------------------------------------------------


def changed(original: bytes | None, copy: bytes) -> Iterator[str]:
    """The XML parts of the copy that the review changed or added (all of a new file's)."""
    before = parts(original) if original is not None else {}
    for name, content in parts(copy).items():
        if name.endswith((".xml", ".rels")) and before.get(name) != content:
            yield name


def review_of(source: str, data: bytes, target: str, *extra: str) -> bytes:
    Path(source).parent.mkdir(parents=True, exist_ok=True)
    Path(source).write_bytes(data)
    code, err = review(source, target, *extra)
    assert code in (0, 1), err
    return Path(target).read_bytes()


def editors_draft() -> bytes:
    document = docx.Document()
    paragraph = document.add_paragraph("本科上线率超出30余个百分百。")
    document.add_paragraph("全年吸引数10万人次参观。")
    document.add_comment(paragraph.runs, text="请核实数据来源", author="编辑", initials="BJ")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def bold_draft() -> bytes:
    body = p(r("本科上线率超出30余个百") + bold("分百，比上年增加") + r("。")) + p(
        r("全年吸引数1") + bold("0万人次参观。")
    )
    return docx_with(document_xml(body))


def link_draft() -> bytes:
    link = (
        '<w:hyperlink w:anchor="x"><w:r><w:t xml:space="preserve">0万人次参观。</w:t></w:r>'
        "</w:hyperlink>"
    )
    return docx_with(
        document_xml(p(r("全年吸引数1") + link) + p(r("本科上线率超出30余个百分百。")))
    )


def all_parts_draft() -> bytes:
    """test_word_parts's draft, its table given the w:tblPr and w:tblGrid the schema requires
    (Word repairs a table without them; the reading tests do not need them), and an endnote."""
    members = parts(draft())
    endnote = '<w:r><w:endnoteReference w:id="1"/></w:r>'
    members["word/document.xml"] = (
        members["word/document.xml"]
        .replace(
            b"<w:tbl><w:tr>",
            b"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>",
        )
        .replace(b"<w:sectPr>", p(r("尾注在此") + endnote + r("。")).encode() + b"<w:sectPr>")
    )
    members["word/endnotes.xml"] = part(
        "endnotes",
        '<w:endnote w:type="separator" w:id="-1">'
        + p("<w:r><w:separator/></w:r>")
        + '</w:endnote><w:endnote w:type="continuationSeparator" w:id="0">'
        + p("<w:r><w:continuationSeparator/></w:r>")
        + '</w:endnote><w:endnote w:id="1">'
        + p(r("尾注的资料来源为统计局,数据为初步核算数。"))
        + "</w:endnote>",
    )
    members["word/_rels/document.xml.rels"] = members["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdE1" Type="{REL}endnotes" Target="endnotes.xml"/>'.encode()
        + b"</Relationships>",
    )
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>",
        f'<Override PartName="/word/endnotes.xml" ContentType="{CT}endnotes+xml"/>'.encode()
        + b"</Types>",
    )
    return _zipped(members)


def word_markup_draft() -> bytes:
    """A draft as Word writes one: w14:paraId and rsids (ignorable and not), run properties with
    East Asian fonts, a bookmark, proofing marks between the runs of a flagged word."""
    template = parts(TEMPLATE)["word/document.xml"].decode()
    head, _, rest = template.partition("<w:body>")
    tail = rest[rest.index("<w:sectPr") :]

    def para(paragraph_id: str, inner: str) -> str:
        return (
            f'<w:p w14:paraId="{paragraph_id}" w14:textId="77777777" w:rsidR="00A10000" '
            f'w:rsidRDefault="00A10000"><w:pPr><w:spacing w:line="360" w:lineRule="auto"/>'
            f'<w:jc w:val="both"/></w:pPr>{inner}</w:p>'
        )

    def run(text: str) -> str:
        return (
            '<w:r w:rsidRPr="00B20000"><w:rPr><w:rFonts w:hint="eastAsia"/><w:b/>'
            '<w:sz w:val="28"/><w:lang w:eastAsia="zh-CN"/></w:rPr>'
            f'<w:t xml:space="preserve">{text}</w:t></w:r>'
        )

    body = para(
        "1A2B3C4D",
        '<w:bookmarkStart w:id="0" w:name="_GoBack"/>'
        + run("本科上线率超出30余个百")
        + '<w:proofErr w:type="spellStart"/>'
        + run("分百")
        + '<w:proofErr w:type="spellEnd"/>'
        + run("。")
        + '<w:bookmarkEnd w:id="0"/>',
    ) + para("2B3C4D5E", run("全年吸引数1") + run("0万人次参观。"))
    return docx_with(f"{head}<w:body>{body}{tail}".encode())


def _zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return out.getvalue()


DRAFTS: dict[str, Callable[[], bytes]] = {
    **{f"seed {name}": (lambda name=name: seed_docx(name)) for name in SEED_NAMES},  # type: ignore[misc]
    "all parts": all_parts_draft,
    "bold runs split": bold_draft,
    "the editor's comment": editors_draft,
    "a link's edge": link_draft,
    "Word's own markup": word_markup_draft,
}


def copies(data: bytes) -> list[tuple[bytes, bytes]]:
    """(input, review copy): the draft's, and the review of that review."""
    first = review_of("稿件.docx", data, "稿件.审校.docx")
    second = review_of("稿件.审校.docx", first, "稿件.审校2.docx")
    return [(data, first), (first, second)]


WRITTEN = {
    "all parts": {
        f"word/{name}.xml"
        for name in ("header1", "header2", "footer1", "footnotes", "endnotes", "comments")
    }
    | {"[Content_Types].xml", "word/_rels/document.xml.rels"},
}


# --- the tests --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(DRAFTS))
def test_every_part_the_review_writes_is_schema_valid(name: str, schemas: Schemas) -> None:
    for round_, (original, copy) in enumerate(copies(DRAFTS[name]())):
        # the control: what the review was given validates (else the reading here is wrong)
        written = list(changed(original, copy))
        if round_ == 0:  # the first review writes in every part that holds a finding
            assert set(written) >= WRITTEN.get(name, set()) | {"word/document.xml"}
        assert [
            e
            for n in written
            if n in parts(original)
            for e in schemas.errors(n, parts(original)[n])
        ] == []
        assert [e for n in written for e in schemas.errors(n, parts(copy)[n])] == []


@pytest.mark.parametrize("name", sorted(DRAFTS))
def test_the_review_copy_holds_together(name: str) -> None:
    for original, copy in copies(DRAFTS[name]()):
        assert package_errors(original) == []
        assert package_errors(copy) == []
        assert parts(copy)["word/comments.xml"]


def test_a_text_files_and_an_odts_new_word_files_are_schema_valid_whole(
    schemas: Schemas,
) -> None:
    from tests.test_odt import odt

    Path("a.md").write_text("# 标题\n\n本科上线率超出30余个百分百。\n", encoding="utf-8")
    Path("稿件.odt").write_bytes(odt())
    for source, target in (("a.md", "a.docx"), ("稿件.odt", "稿件.审校.docx")):
        code, err = review(source, target)
        assert code == 1, err
        copy = Path(target).read_bytes()
        written = list(changed(None, copy))
        assert "word/comments.xml" in written
        assert [e for n in written for e in schemas.errors(n, parts(copy)[n])] == []
        assert package_errors(copy) == []


def _edited(data: bytes, name: str, edit: Callable[[etree._Element], None]) -> bytes:
    members = parts(data)
    root = etree.fromstring(members[name])
    edit(root)
    members[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return _zipped(members)


def _a_bold_run(root: etree._Element) -> etree._Element:
    return next(run for run in root.iter(W + "r") if run.find(f"{W}rPr/{W}b") is not None)


def test_a_copy_broken_on_purpose_fails(schemas: Schemas) -> None:
    copy = review_of("稿件.docx", bold_draft(), "稿件.审校.docx")
    name = "word/document.xml"
    assert schemas.errors(name, parts(copy)[name]) == []
    assert BOLD in parts(copy)[name].decode()  # the formatting the review keeps

    def rpr_after_text(root: etree._Element) -> None:
        run = _a_bold_run(root)
        run.append(run.find(W + "rPr"))

    def ppr_after_a_run(root: etree._Element) -> None:  # w:pPr comes first in w:p
        paragraph = next(root.iter(W + "p"))
        paragraph.append(etree.Element(W + "pPr"))

    def author_missing(root: etree._Element) -> None:
        del next(root.iter(W + "ins")).attrib[W + "author"]

    def text_outside_a_run(root: etree._Element) -> None:
        paragraph = next(root.iter(W + "p"))
        paragraph.append(next(paragraph.iter(W + "t")))

    for edit in (rpr_after_text, ppr_after_a_run, author_missing, text_outside_a_run):
        broken = _edited(copy, name, edit)
        assert schemas.errors(name, parts(broken)[name]), edit.__name__

    # and Markup Compatibility is not a way around the schema: what is not ignorable stays
    def unknown_element(root: etree._Element) -> None:
        next(root.iter(W + "p")).append(etree.Element("{urn:x-factlint}mark"))

    def ignorable_element(root: etree._Element) -> None:
        next(root.iter(W + "p")).append(
            etree.Element("{http://schemas.microsoft.com/office/word/2010/wordml}mark")
        )

    assert schemas.errors(name, parts(_edited(copy, name, unknown_element))[name])
    assert not schemas.errors(name, _ignorable(parts(_edited(copy, name, ignorable_element))[name]))


def _ignorable(content: bytes) -> bytes:
    """The part with w14 declared ignorable on its root, as Word writes it."""
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    root = etree.fromstring(content)
    tree = etree.Element(root.tag, nsmap={**root.nsmap, "w14": w14, "mc": MC})
    tree.set(f"{{{MC}}}Ignorable", "w14")
    tree.extend(list(root))
    return etree.tostring(tree)


def test_a_package_broken_on_purpose_fails() -> None:
    copy = review_of("稿件.docx", all_parts_draft(), "稿件.审校.docx")
    assert package_errors(copy) == []
    name = "word/document.xml"

    def duplicated_comment_id(root: etree._Element) -> None:
        first, second = list(root.iter(W + "commentRangeStart"))[:2]
        second.set(W + "id", first.get(W + "id") or "")

    def duplicated_revision_id(root: etree._Element) -> None:
        first, second = [e for e in root.iter(W + "ins", W + "del")][:2]
        second.set(W + "id", first.get(W + "id") or "")

    def range_not_closed(root: etree._Element) -> None:
        end = next(root.iter(W + "commentRangeEnd"))
        end.getparent().remove(end)

    def insertion_in_an_insertion(root: etree._Element) -> None:
        outer = next(root.iter(W + "ins"))
        inner = etree.SubElement(outer, W + "ins")
        inner.set(W + "id", "90001")
        inner.set(W + "author", "factlint")
        inner.append(outer[0])

    for edit in (
        duplicated_comment_id,
        duplicated_revision_id,
        range_not_closed,
        insertion_in_an_insertion,
    ):
        assert package_errors(_edited(copy, name, edit)), edit.__name__

    def ignorable_undeclared(root: etree._Element) -> None:
        root.set(f"{{{MC}}}Ignorable", "w14 w99")

    assert package_errors(_edited(copy, name, ignorable_undeclared))

    def no_override(root: etree._Element) -> None:
        for o in list(root):
            if o.get("PartName") == "/word/comments.xml":
                root.remove(o)

    def no_relationship(root: etree._Element) -> None:
        for rel in list(root):
            if rel.get("Type") == COMMENTS_TYPE:
                root.remove(rel)

    assert package_errors(_edited(copy, "[Content_Types].xml", no_override))
    assert package_errors(_edited(copy, "word/_rels/document.xml.rels", no_relationship))
    assert re.search(b"w:comment ", parts(copy)["word/comments.xml"])


def test_a_fix_inside_another_authors_insertion_splits_it() -> None:
    """Word writes another's inserted text deleted as a w:del inside that w:ins, but never a w:ins
    inside a w:ins: factlint's insertion goes between the two halves of the editor's."""
    copy = review_of("稿件.docx", all_parts_draft(), "稿件.审校.docx")
    root = etree.fromstring(parts(copy)["word/document.xml"])
    [ours] = [e for e in root.iter(W + "ins") if "".join(e.itertext()) == "十"]
    before, after = ours.getprevious(), ours.getnext()
    assert [(e.tag, e.get(W + "author")) for e in (before, after)] == [(W + "ins", "编辑")] * 2
    assert "".join(before.itertext()) == "数10" and "".join(after.itertext()) == "万人次"
    [deleted] = before.findall(W + "del")  # the editor's 10, deleted by factlint, stays inside
    assert deleted.get(W + "author") == "factlint"
    assert before.get(W + "id") != after.get(W + "id")

"""Inputs for the robustness tests, built in code: sample articles, encodings, broken files.

No binary fixtures: every byte a test reads is made here. The Vietnamese sample text is our
own writing. ``run_main`` runs the real CLI entry point (the error boundary included)
in-process; ``assert_complete_outputs`` re-reads every output of a run and checks the
invariant: every source sentence is there once, in order, paired with its own target.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from songngu.cli import main
from songngu.exporters import EXPORTERS, output_path
from songngu.model import Document
from songngu.readers import read_document
from songngu.readers.validation import clean_text
from songngu.segmenter import segment_document
from songngu.vietnamese import TONE_MARKS, normalize_nfc

HEADLINE = "Đà Nẵng mở thêm tuyến xe buýt ven biển"
PARAGRAPHS = (
    "Sáng 25/11/2026, Sở Giao thông vận tải thành phố Đà Nẵng cho biết sẽ mở thêm hai tuyến "
    "xe buýt chạy dọc bờ biển. Mỗi ngày có khoảng 1.200 lượt khách đi lại trên các tuyến này.",
    "Theo kế hoạch, giá vé là 7.000 đồng một lượt, học sinh được giảm 50%. Tổng vốn đầu tư "
    "cho dự án ước tính 2,5 tỷ đồng.",
    'Ông Trần Văn Minh, một người dân ở quận Sơn Trà, nói: "Tôi rất vui vì có thêm lựa chọn '
    'đi làm mỗi sáng."',
)
ARTICLE = "\n\n".join([HEADLINE, *PARAGRAPHS]) + "\n"
# Every letter TCVN3 and VNI must carry, in words of our own.
ALPHABET_SAMPLE = (
    "Ăn uống, ấm áp, ầm ĩ, ẩn nấp, ẫm ờ, ậm ừ; ắt hẳn, ằng ặc, ẳng ẵng. Ê-kíp, ế ẩm, "
    "ề à, ể ễ, ệ. Ô hay, ốc, ồn, ổn, ỗ, ộ. Ơ kìa, ớt, ờ, ở, ỡ, ợ. Ư ừ, ứa, ừng, ửng, ữa, ựa. "
    "Đường đi, ì ạch, ỉ ôi, ĩ, ị; ý, ỳ, ỷ, ỹ, ỵ. Huế, Thủy, khuya, quyển, nghiêng."
)


def encode_cp1258(text: str) -> bytes:
    """Encode as Windows-1258: vowels with their vowel marks, then a combining tone mark."""
    parts = []
    for character in normalize_nfc(text):
        try:
            parts.append(character.encode("cp1258"))
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", character)
            tones = "".join(c for c in decomposed if c in TONE_MARKS)
            base = normalize_nfc("".join(c for c in decomposed if c not in TONE_MARKS))
            parts.append((base + tones).encode("cp1258"))
    return b"".join(parts)


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``songngu ARGS`` through ``songngu.cli.main``; return exit code, stdout, stderr."""
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 1), out, err


def expected_document(path: Path) -> Document:
    """Read and segment an input the way the CLI does, independently of its outputs."""
    return segment_document(read_document(path))


def assert_complete_outputs(
    document: Document, output_dir: Path, formats: tuple[str, ...] = ("docx", "md", "json")
) -> None:
    """Every output holds every segment once, in order, with its own source and a target."""
    expected = [(segment.id, segment.source) for segment in document.iter_segments()]
    assert expected, "the document has no segments"
    for name in formats:
        path = output_path(document.meta.source_path, output_dir, name)
        pairs = EXPORTERS[name].read_pairs(path)
        assert [(pair.id, pair.source) for pair in pairs] == expected, f"{path} lost pairing"
        assert all(pair.target.strip() for pair in pairs), f"{path} has an empty target"


def assert_nothing_lost(raw: str, document: Document) -> None:
    """The non-space characters of a plain-text input are exactly those of its segments."""
    squeezed = re.sub(r"\s", "", normalize_nfc(clean_text(raw).text))
    sources = re.sub(r"\s", "", "".join(s.source for s in document.iter_segments()))
    assert sources == squeezed


def assert_one_line_error(code: int, err: str, fragment: str) -> None:
    """The run failed with exit 1 and exactly one ``Error:`` line mentioning ``fragment``."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 1, err
    assert "Traceback" not in err
    assert len(lines) == 1, err
    assert lines[0].startswith("Error: "), err
    assert fragment in lines[0], lines[0]


def make_docx(
    body_xml: str, styles_xml: str | None = None, *, extra: dict[str, str] | None = None
) -> bytes:
    """Build a minimal WordprocessingML package around ``body_xml`` (the ``w:body`` content)."""
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _RELS,
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document {_NS}>'
        f"<w:body>{body_xml}</w:body></w:document>",
        **({"word/styles.xml": styles_xml} if styles_xml else {}),
        **(extra or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def paragraph_xml(text: str, style: str | None = None, font: str | None = None) -> str:
    """Return a ``w:p`` with one run; ``style`` is a style id, ``font`` the run's font."""
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    run_properties = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    run = f'<w:r>{run_properties}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    return f"<w:p>{properties}{run}</w:p>"


def article_docx() -> bytes:
    """The sample article as a Word file: title, paragraphs, a list and a table."""
    body = [paragraph_xml(HEADLINE, "Title")]
    body += [paragraph_xml(text) for text in PARAGRAPHS]
    body += [paragraph_xml("Tuyến số 1 chạy từ cầu Rồng.", "ListBullet")]
    body.append(
        "<w:tbl><w:tr><w:tc>"
        + paragraph_xml("Tuyến")
        + "</w:tc><w:tc>"
        + paragraph_xml("Giá vé")
        + "</w:tc></w:tr></w:tbl>"
    )
    return make_docx("".join(body), STYLES)


_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><w:styles {_NS}>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Legacy"><w:name w:val="Legacy"/>'
    '<w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>'
    "</w:styles>"
)

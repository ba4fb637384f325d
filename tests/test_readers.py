import codecs
import io
import sys
import unicodedata
import zipfile

import pytest

from corpus import (
    ALPHABET_SAMPLE,
    ARTICLE,
    HEADLINE,
    PARAGRAPHS,
    STYLES,
    article_docx,
    encode_cp1258,
    make_docx,
    paragraph_xml,
)
from songngu import readers
from songngu.errors import InputError
from songngu.model import BlockKind
from songngu.readers import load_source, read_document
from songngu.readers.encoding import decode_bytes
from songngu.readers.language import is_vietnamese_syllable, profile_text, vietnamese_score
from songngu.readers.legacy import (
    decode_tcvn3,
    decode_vni,
    decode_vni_text,
    encode_tcvn3,
    encode_vni,
    recover_font_bytes,
)
from songngu.readers.legacy import windows_1252_text as seen
from songngu.readers.validation import check_article_text, clean_text
from songngu.readers.word import read_word_article

# --- encodings -------------------------------------------------------------------------------

ENCODINGS = [
    ("utf-8", lambda text: text.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), "utf-8"),
    ("utf-16 le BOM", lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "utf-16-le"),
    ("utf-16 be BOM", lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "utf-16-be"),
    ("utf-16 le bare", lambda text: text.encode("utf-16-le"), "utf-16-le"),
    ("utf-16 be bare", lambda text: text.encode("utf-16-be"), "utf-16-be"),
    ("utf-32 le BOM", lambda text: codecs.BOM_UTF32_LE + text.encode("utf-32-le"), "utf-32-le"),
    ("utf-32 be BOM", lambda text: codecs.BOM_UTF32_BE + text.encode("utf-32-be"), "utf-32-be"),
    ("windows-1258", encode_cp1258, "windows-1258"),
    ("tcvn3", encode_tcvn3, "tcvn3"),
    ("vni", encode_vni, "vni"),
    ("tcvn3 seen as windows-1252", lambda t: seen(encode_tcvn3(t)).encode(), "utf-8+tcvn3"),
    ("vni seen as windows-1252", lambda t: seen(encode_vni(t)).encode(), "utf-8+vni"),
    ("utf-8 seen as windows-1252", lambda t: seen(t.encode()).encode(), "utf-8+utf-8"),
]


@pytest.mark.parametrize(("name", "encode", "encoding"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_decode_bytes_reads_every_supported_encoding(name, encode, encoding):
    text, found = decode_bytes(encode(ARTICLE), "a.txt")
    assert unicodedata.normalize("NFC", text) == ARTICLE
    assert found == encoding


def test_nfd_text_is_normalised_to_nfc(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(unicodedata.normalize("NFD", ARTICLE), encoding="utf-8")
    source = load_source(str(path))
    assert source.text == ARTICLE
    assert source.raw != source.text


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
        (b"%PDF-1.7\n", "PDF"),
        (b"PK\x03\x04rest", "ZIP archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(50), "old Word .doc"),
        (b"{\\rtf1\\ansi Xin chao}", "RTF"),
        (b"\x7fELF\x02\x01", "program"),
        (b"Xin ch\x00o " * 50, "binary"),
    ],
)
def test_binary_files_are_refused_naming_what_they_are(data, fragment):
    with pytest.raises(InputError, match=fragment):
        decode_bytes(data, "a.txt")


def test_random_bytes_are_refused_as_binary():
    data = bytes((index * 73 + 41) % 256 for index in range(4096)).replace(b"\x00", b"\x01")
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data, "a.txt")


def test_unclear_legacy_encoding_is_refused_with_the_scores():
    with pytest.raises(InputError, match=r"encoding is unclear \(TCVN3 \(ABC\) reads 1"):
        decode_bytes(b"Xin ch\xb5o", "a.txt")


def test_bom_with_invalid_body_is_refused():
    with pytest.raises(InputError, match="byte-order mark"):
        decode_bytes(codecs.BOM_UTF8 + b"\xff\xfe\xfd", "a.txt")


def test_utf8_vietnamese_is_never_repaired():
    text, encoding = decode_bytes(ALPHABET_SAMPLE.encode(), "a.txt")
    assert (text, encoding) == (ALPHABET_SAMPLE, "utf-8")


def test_legacy_paragraph_inside_unicode_text_is_converted_alone():
    legacy = seen(encode_tcvn3(PARAGRAPHS[0]))
    text, encoding = decode_bytes(f"{HEADLINE}\n\n{legacy}\n".encode(), "a.txt")
    assert text == f"{HEADLINE}\n\n{PARAGRAPHS[0]}\n"
    assert encoding == "utf-8+tcvn3"


# --- legacy tables ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", [ALPHABET_SAMPLE, ARTICLE, ALPHABET_SAMPLE.upper()])
def test_vni_round_trips(text):
    assert decode_vni(encode_vni(text)) == text


@pytest.mark.parametrize("text", [ALPHABET_SAMPLE, ARTICLE])
def test_tcvn3_round_trips(text):
    assert decode_tcvn3(encode_tcvn3(text)) == text


def test_tcvn3_writes_capitals_without_a_code_in_lower_case():
    assert decode_tcvn3(encode_tcvn3("ỨNG À")) == "ứNG à"


@pytest.mark.parametrize("encode", [encode_tcvn3, encode_vni])
def test_windows_1252_punctuation_passes_through_legacy_encodings(encode):
    text = "“Đà Nẵng” – mưa… ‰"
    decode = decode_tcvn3 if encode is encode_tcvn3 else decode_vni
    assert decode(encode(text)) == text


@pytest.mark.parametrize(
    ("unicode", "vni"), [("Việt", "Vieät"), ("Trường", "Tröôøng"), ("Đà", "Ñaø")]
)
def test_vni_spellings_follow_the_vni_table(unicode, vni):
    assert encode_vni(unicode) == vni.encode("cp1252")
    assert decode_vni_text(vni) == unicode


@pytest.mark.parametrize(
    ("unicode", "tcvn3"), [("Việt", b"Vi\xd6t"), ("đất", b"\xae\xcat"), ("người", b"ng\xad\xeai")]
)
def test_tcvn3_codes_follow_the_libiconv_table(unicode, tcvn3):
    assert encode_tcvn3(unicode) == tcvn3


def test_every_byte_decodes_in_both_legacy_encodings():
    every_byte = bytes(range(256))
    assert len(decode_tcvn3(every_byte)) >= 250
    assert len(decode_vni(every_byte)) >= 200


def test_legacy_encoders_refuse_characters_they_cannot_hold():
    with pytest.raises(ValueError, match="no TCVN3 code"):
        encode_tcvn3("中")
    with pytest.raises(ValueError, match="no VNI code"):
        encode_vni("ř")


def test_recover_font_bytes_undoes_windows_1252_and_refuses_unicode():
    assert recover_font_bytes("ViÖt\x81") == b"Vi\xd6t\x81"
    assert recover_font_bytes("Việt") is None


# --- language --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word", ["nghiêng", "khuya", "quyển", "giữa", "Huế", "hoà", "hòa", "ĐƯỜNG"]
)
def test_real_syllables_are_well_formed(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["Vieọt", "viờũt", "café", "élèves", "straße"])
def test_garbled_or_foreign_words_are_not_syllables(word):
    assert not is_vietnamese_syllable(word)


def test_score_prefers_the_right_decoding():
    data = encode_tcvn3(ARTICLE)
    assert vietnamese_score(decode_tcvn3(data)) > 20
    assert vietnamese_score(decode_vni(data)) < 0


@pytest.mark.parametrize(
    "text",
    [
        ARTICLE,
        "Xin chào",
        # An article quoting English at length is still Vietnamese.
        f"{PARAGRAPHS[0]} The minister said the new routes would open next month and run "
        "every fifteen minutes from early morning.",
        "Việt" * 12_500,
    ],
)
def test_vietnamese_text_is_accepted(text):
    check_article_text(text, "a.txt")


def test_unaccented_vietnamese_is_accepted_with_a_warning(caplog):
    check_article_text(
        "Nguoi dan o Da Nang rat vui khi co them tuyen xe buyt cua thanh pho.", "a.txt"
    )
    assert "without diacritics" in caplog.text


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("The city will open two new bus routes along the coast next month.", "looks like English"),
        ("岘港市将开通两条沿海公交线路。", "written in Chinese"),
        ("Город откроет два новых автобусных маршрута.", "Cyrillic"),
        ("La ville ouvrira deux lignes de bus le long de la côte, près de l'école.", "accents"),
        ("12345 ... !!! 🙂🙂", "no letters"),
        ("a" * 50_000, "plain Latin letters"),
        ("<!DOCTYPE html><html><body><p>Xin chào</p></body></html>", "HTML or XML page"),
        ("<p>a</p>" * 20, "mostly markup"),
    ],
)
def test_text_without_vietnamese_is_refused_saying_what_it_is(text, fragment):
    with pytest.raises(InputError, match=fragment):
        check_article_text(text, "a.txt")


def test_profile_counts_other_scripts():
    profile = profile_text("한국어 텍스트 và tiếng Việt")
    assert dict(profile.scripts) == {"Korean": 2}
    assert profile.num_vietnamese == 3


# --- cleaning --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean", "num_removed"),
    [
        ("a\r\nb", "a\r\nb", 0),
        ("a\rb\r", "a\nb\n", 0),
        ("a\x85b\u2028c\u2029d", "a\nb\nc\nd", 0),
        # Word's manual line break and page break: a line break and a paragraph break.
        ("a\x0bb\x0cc", "a\nb\n\nc", 0),
        ("a\x00b\x1bc\x7fd\x07e\ufeffg", "abcdeg", 5),
        ("tab\tstays", "tab\tstays", 0),
    ],
)
def test_clean_text_converts_breaks_and_removes_controls(raw, clean, num_removed):
    cleaned = clean_text(raw)
    assert (cleaned.text, cleaned.removed.total) == (clean, num_removed)


def test_control_characters_are_counted_in_the_document(tmp_path, caplog):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE.replace("hai tuyến", "hai \x01tuyến\x1b"), encoding="utf-8")
    document = read_document(path)
    assert dict(document.meta.extra)["removed_characters"] == "2"
    assert "\x01" not in document.text
    assert "hai tuyến" in document.text
    assert "removed 2 control characters (ESC, SOH)" in caplog.text


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_give_the_same_blocks(tmp_path, newline):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.replace("\n", newline).encode())
    document = read_document(path)
    assert [block.text for block in document.blocks] == [HEADLINE, *PARAGRAPHS]


# --- files -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("a.doc", "old Word file"),
        ("a.pdf", "export it"),
        ("a.xyz", "use one of .txt"),
    ],
)
def test_unknown_suffixes_are_refused_with_a_hint(tmp_path, name, fragment):
    path = tmp_path / name
    path.write_bytes(b"x")
    with pytest.raises(InputError, match=fragment):
        read_document(path)


def test_oversized_input_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_INPUT_BYTES", 100)
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(InputError, match="larger than"):
        read_document(path)


def test_stdin_is_read(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(encode_tcvn3(ARTICLE))))
    document = read_document("-")
    assert document.text == ARTICLE
    assert document.meta.encoding == "tcvn3"


# --- Word ------------------------------------------------------------------------------------


def test_word_article_blocks_have_kinds():
    article = read_word_article(article_docx(), "a.docx")
    blocks = [(span.kind, article.text[span.start : span.end]) for span in article.spans]
    assert blocks == [
        (BlockKind.HEADLINE, HEADLINE),
        *[(BlockKind.PARAGRAPH, text) for text in PARAGRAPHS],
        (BlockKind.LIST_ITEM, "Tuyến số 1 chạy từ cầu Rồng."),
        (BlockKind.TABLE_CELL, "Tuyến"),
        (BlockKind.TABLE_CELL, "Giá vé"),
    ]


def test_word_headings_levels_and_captions():
    body = paragraph_xml("Giao thông", "Heading2") + paragraph_xml("Ảnh: xe buýt mới.", "Caption")
    article = read_word_article(make_docx(body, STYLES), "a.docx")
    assert [(s.kind, s.level) for s in article.spans] == [
        (BlockKind.HEADING, 2),
        (BlockKind.CAPTION, 0),
    ]


def test_word_runs_in_legacy_fonts_are_converted():
    tcvn3 = seen(encode_tcvn3(PARAGRAPHS[1]))
    vni = seen(encode_vni(PARAGRAPHS[2]))
    capitals = seen(encode_tcvn3("đà nẵng"))
    body = (
        paragraph_xml(HEADLINE)
        + paragraph_xml(tcvn3, font=".VnTime")
        + paragraph_xml(vni, font="VNI-Times")
        + paragraph_xml(capitals, font=".VnTimeH")
    )
    article = read_word_article(make_docx(body), "a.docx")
    texts = [article.text[s.start : s.end] for s in article.spans]
    assert texts == [HEADLINE, PARAGRAPHS[1], PARAGRAPHS[2], "ĐÀ NẴNG"]


def test_word_style_font_makes_a_paragraph_legacy():
    tcvn3 = seen(encode_tcvn3(PARAGRAPHS[1]))
    article = read_word_article(make_docx(paragraph_xml(tcvn3, "Legacy"), STYLES), "a.docx")
    assert article.text == PARAGRAPHS[1]


def test_word_skips_deletions_field_codes_and_fallback_copies():
    body = (
        "<w:p><w:r><w:t>Xe buýt </w:t></w:r>"
        "<w:del><w:r><w:delText>cũ </w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>mới </w:t></w:r></w:ins>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>chạy</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        "<w:r><w:softHyphen/><w:t>.</w:t><w:tab/><w:br/></w:r>"
        "<w:r><mc:AlternateContent><mc:Choice><w:drawing><wps:txbx><w:txbxContent>"
        + paragraph_xml("Hộp chữ một lần.")
        + "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>"
        "<w:txbxContent>"
        + paragraph_xml("Hộp chữ một lần.")
        + "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    article = read_word_article(make_docx(body), "a.docx")
    assert [article.text[s.start : s.end] for s in article.spans] == [
        "Xe buýt mới chạy.",
        "Hộp chữ một lần.",
    ]


def test_word_nested_tables_follow_their_cell():
    inner = "<w:tbl><w:tr><w:tc>" + paragraph_xml("Bên trong") + "</w:tc></w:tr></w:tbl>"
    body = (
        "<w:tbl><w:tr><w:tc>"
        + paragraph_xml("Bên ngoài")
        + inner
        + "</w:tc><w:tc>"
        + paragraph_xml("Ô thứ hai")
        + "</w:tc></w:tr></w:tbl>"
    )
    article = read_word_article(make_docx(body), "a.docx")
    assert [article.text[s.start : s.end] for s in article.spans] == [
        "Bên ngoài",
        "Bên trong",
        "Ô thứ hai",
    ]


def _zip(members: dict[str, bytes | str], *, encrypted: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    data = buffer.getvalue()
    return _mark_encrypted(data) if encrypted else data


def _mark_encrypted(data: bytes) -> bytes:
    """Set the "encrypted" flag bit in the local and central headers (APPNOTE 4.4.4)."""
    patched = bytearray(data)
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = patched.find(signature)
        patched[position + flag_offset] |= 0x1
    return bytes(patched)


def _bad_crc(data: bytes) -> bytes:
    start = data.index(b"word/document.xml") + len("word/document.xml")
    return data[:start] + bytes([data[start] ^ 0xFF]) + data[start + 1 :]


WORD_FAILURES = [
    ("truncated", article_docx()[:300], "damaged or truncated"),
    ("plain text", "Xin chào".encode(), "damaged or truncated"),
    ("other zip", _zip({"notes.txt": "xin chào"}), "not a Word document"),
    ("ole", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "password-protected"),
    ("dtd", _zip({"word/document.xml": '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'}), "DTD"),
    ("bad xml", _zip({"word/document.xml": "<w:document><w:body>"}), "not well-formed"),
    ("bomb", _zip({"word/document.xml": "<x>" + " " * (3 * 2**20) + "</x>"}), "too large"),
    ("encrypted member", _zip({"word/document.xml": "<x/>"}, encrypted=True), "encrypted"),
    (
        "bad crc",
        _bad_crc(_zip({"word/document.xml": "<x>" + "Xin chào " * 200 + "</x>"})),
        "damaged",
    ),
    ("no text", make_docx(paragraph_xml("   ")), "has no text"),
]


@pytest.mark.parametrize(
    ("name", "data", "fragment"), WORD_FAILURES, ids=[f[0] for f in WORD_FAILURES]
)
def test_broken_word_files_are_refused(name, data, fragment):
    with pytest.raises(InputError, match=fragment):
        read_word_article(data, "a.docx")


def test_too_many_members_are_refused(monkeypatch):
    monkeypatch.setattr("songngu.readers.word._MAX_MEMBERS", 3)
    with pytest.raises(InputError, match="parts"):
        read_word_article(article_docx(), "a.docx")


def test_read_document_reads_word_files(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(article_docx())
    document = read_document(path)
    assert document.blocks[0].kind is BlockKind.HEADLINE
    assert document.text[document.blocks[1].start : document.blocks[1].end] == PARAGRAPHS[0]
    assert document.meta.encoding == "docx"

"""The segmenter's curated Vietnamese vocabulary: abbreviations, speech verbs, credits, agencies.

Every entry is here because a news sentence needs it; each group says why and gives an example.
Entries are compared with the NFC form of a word (see ``words.py``), case-sensitively unless a
group says otherwise, so ``TP.`` (thành phố) and ``Tp.`` are listed, and a stray lowercase word
is not mistaken for a title. This is deliberately *not* "every single letter" (underthesea's
list, which never breaks after "độ C."): single letters are decided in context by
``rules.initial_rule``.
"""

from __future__ import annotations

#: Titles and prefixes that are always followed by a name, a place or a number, so their period
#: never ends a sentence (C3). Compounds join them with periods: "PGS.TS. Nguyễn Văn A",
#: "GS.TSKH. Lê B", "ThS.BS Trần C" — a compound is a title when every part is one.
TITLES = frozenset(
    {
        # Academic and professional titles: "GS. Trần Văn Thọ", "PGS. Lê Thị Hà", "TS. Vũ Minh".
        "GS", "PGS", "TS", "TSKH", "ThS", "Ths", "Th.S", "Th.s", "NCS",
        # Medicine and pharmacy: "BS. Nguyễn An", "BSCKII. Phạm Tú", "DS. Hoàng Mai".
        "BS", "Bs", "BSCKI", "BSCKII", "CKI", "CKII", "CK1", "CK2", "DS", "YS",
        # Engineering, architecture, law: "KS. Đỗ Hùng", "KTS. Hoàng Đạo", "LS. Trần Vũ".
        "KS", "KTS", "LS",
        # Honours for artists and teachers: "NSND. Lan Hương", "NGƯT. Phạm Lợi".
        "NSND", "NSƯT", "NGND", "NGƯT", "TTND", "TTƯT",
        # Administrative prefixes: "TP. Huế", "Tp. Thủ Đức", "TX. Sơn Tây", "TT. Phong Điền".
        "TP", "Tp", "TX", "Tx", "TT",
        # Publishing and pages: "Nxb. Trẻ", "NXB. Kim Đồng", "tr. 45", "Tr. 12".
        "Nxb", "NXB", "tr", "trg",
        # Company: "Cty. TNHH Minh Phát".
        "Cty", "CTy",
        # Contact prefixes before a number or an address: "ĐT. 0236 3888 999", "Tel. 024…".
        "ĐT", "ĐTDĐ", "SĐT", "Tel", "Fax", "ĐC",
        # English titles in foreign names: "Mr. Smith", "Dr. Lee", "St. Louis", "No. 5".
        "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "No", "Nr", "Vol", "vs",
    }
)  # fmt: skip

#: Initials of given names that start with a consonant digraph, as police and court news write
#: them to tell names apart: "Đinh Công Th.", "Lê Văn Ph.", "ông Ch. thừa nhận". Like one-letter
#: initials they are decided in context (``rules.initial_rule``); at the very start of a sentence
#: they shorten a surname instead ("Ng. Văn A", "Tr. Hưng" in bylines) and never end it.
DIGRAPH_INITIALS = frozenset({"Ch", "Gh", "Gi", "Kh", "Ng", "Ngh", "Nh", "Ph", "Qu", "Th", "Tr"})

#: One-letter administrative prefixes before a place or a number: "P. 5" (phường), "Q. 1"
#: (quận), "X. Tân Lâm" (xã), "H. Đắk Mil" (huyện), "T. Lâm Đồng" (tỉnh). Before a number
#: ("P. 5 và Q. 3") always; before a name only in an address context (after a comma or a word
#: such as "tại"), because the same letters are initials ("bắt giữ Lê Văn T. Tại…").
ADMINISTRATIVE_LETTERS = frozenset({"P", "Q", "X", "H", "T"})

#: Lowercase words after which a one-letter prefix is an address: "tại Q. 3", "trú ở P. 7".
ADDRESS_CONTEXT = frozenset({"tại", "ở", "thuộc", "trú", "phố", "đường", "số"})

#: Lowercase words after which a one-letter prefix is an address unless a clause opener follows:
#: "tại P. Trường Thọ và P. Phước Long", "đoạn qua P. Linh Trung" — but "anh H. và T. Tại…".
WEAK_ADDRESS_CONTEXT = frozenset({"và", "qua", "sang", "đến", "tới", "từ", "gần"})

#: Words that open a clause in news prose, so after an initial they start a new sentence
#: ("…triệu tập anh H. và T. Tại cơ quan công an, …"); place names rarely begin with them.
CLAUSE_OPENERS = frozenset(
    {
        "Tại", "Qua", "Hiện", "Sau", "Trước", "Theo", "Khi", "Lúc", "Đến", "Ngày", "Sáng",
        "Chiều", "Tối", "Trưa", "Đêm", "Hôm", "Vụ", "Đây", "Do", "Vì", "Ngoài", "Trong", "Tuy",
        "Nhưng", "Cùng", "Khoảng", "Kết", "Với", "Cả", "Các", "Những", "Nhiều", "Một",
    }
)  # fmt: skip

#: Words that number a section heading at the start of a line or sentence, whose number's
#: period is a label (C8): "Điều 5. Phạm vi điều chỉnh", "Chương II. Quy định chung",
#: "Bước 1. Tải ứng dụng", "Câu 3. Tính diện tích…".
SECTION_WORDS = frozenset({"Điều", "Khoản", "Điểm", "Chương", "Mục", "Phần", "Bước", "Câu", "Bài"})

#: Abbreviations that can end a sentence: their period is a full stop before a sentence start
#: but not before a lowercase word ("cắm trại, v.v. Ban quản lý…" | "v.v. để phục vụ").
SOFT_ABBREVIATIONS = frozenset(
    {
        "v.v", "vv", "etc", "Sđd", "sđd", "Tlđd",
        "Inc", "Ltd", "Co", "Corp", "Jr", "Sr", "Bros",
        "a.m", "p.m", "A.M", "P.M", "e.g", "i.e",
    }
)  # fmt: skip

#: Speech verbs that close an attribution after a quotation (C4/C5): "…”, ông Nam cho biết."
#: An attribution is a short clause that *ends* with one of these (optionally + "thêm"/"lại").
SPEECH_VERBS = tuple(
    tuple(phrase.split())
    for phrase in (
        "nói", "hỏi", "đáp", "kể", "viết", "cho biết", "cho hay", "khẳng định", "nhấn mạnh",
        "chia sẻ", "bày tỏ", "nhận định", "nhận xét", "giải thích", "trả lời", "thông tin",
        "phát biểu", "tâm sự", "bộc bạch", "thừa nhận", "cam kết", "đề nghị", "khuyến cáo",
        "cảnh báo", "lưu ý", "kết luận", "phân tích", "thông báo", "tuyên bố", "nhắc",
        "hứa", "than", "kêu", "hét", "quát", "cười", "thở dài", "nghẹn ngào", "thốt lên",
        "đánh giá", "nêu", "dặn", "khoe", "phàn nàn", "thắc mắc", "đặt câu hỏi", "trấn an",
        "băn khoăn", "lo lắng", "bức xúc", "xúc động", "trăn trở", "bổ sung", "nhớ lại",
        "kể lại", "hồi tưởng", "ví von", "gợi ý", "đề xuất", "yêu cầu", "chỉ đạo", "phân trần",
        "gọi", "reo", "thì thầm", "lẩm bẩm", "cắt ngang", "ngắt lời",
    )
)  # fmt: skip

#: Adverbs that may follow the speech verb at the end of an attribution: "ông nói thêm",
#: "anh gọi to", "bà cụ hỏi khẽ".
SPEECH_TAILS = frozenset({"thêm", "lại", "tiếp", "ngay", "vậy", "thế", "to", "lên", "khẽ", "nhỏ"})

#: A word right before a speech verb that makes it a noun: "chưa có lời đáp", "bài nói".
SPEECH_NOUN_MARKERS = frozenset({"lời", "câu", "bài", "cuộc", "sự", "việc"})

#: A negation anywhere before the verb makes the clause a statement, not an attribution:
#: "Không ai trả lời.", "Anh chưa nói."
NEGATIONS = frozenset({"không", "chưa", "chẳng", "chả", "đừng", "chớ"})

#: Labels that open a photo, video or graphic credit (C7), compared in lowercase without the
#: colon: "Ảnh: Minh Anh", "Ảnh minh họa", "Nguồn: TTXVN", "Bài và ảnh: Hà Phương".
CREDIT_LABELS = tuple(
    tuple(label.split())
    for label in (
        "ảnh", "ảnh minh họa", "ảnh minh hoạ", "ảnh tư liệu", "ảnh chụp màn hình", "ảnh nguồn",
        "nguồn", "nguồn ảnh", "video", "clip", "đồ họa", "đồ hoạ", "infographic", "photo",
        "bài và ảnh", "bài, ảnh", "bài/ảnh", "tin và ảnh", "tin, ảnh", "tin/ảnh", "thiết kế",
    )
)  # fmt: skip

#: News agencies and outlets that sign credits and source tags: "Ảnh: Doãn Tấn/TTXVN",
#: "(TTXVN)", "PV/VOV". Compared in uppercase.
AGENCIES = frozenset(
    {
        "TTXVN", "VNA", "VGP", "VOV", "VTV", "VTC", "CAND", "QĐND", "PV", "NHÓM PV", "BTV",
        "REUTERS", "AFP", "AP", "XINHUA", "TÂN HOA XÃ", "KYODO", "YONHAP", "EPA", "GETTY",
        "GETTY IMAGES", "BLOOMBERG", "CNN", "BBC", "SHUTTERSTOCK", "INTERNET", "CHINHPHU.VN",
    }
)  # fmt: skip

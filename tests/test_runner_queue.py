"""A backend that queues calls gets the next chunk before terms are forced; same output."""

from songngu.backends import Translation, join_prefix
from songngu.backends.fake import FakeBackend
from songngu.translation.plan import Piece
from songngu.translation.runner import CHUNK_SIZE, PieceTranslator
from test_enforcement import GLOSSARY, SENTENCES


class NeverRenderingBackend(FakeBackend):
    """Writes fixed words after the prefix (never a term), and logs every call."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, int]] = []

    def translate_with_prefix(self, sources, prefixes):
        kind = "re-decode" if any(prefixes) else "first pass"
        self.events.append((kind, len(sources)))
        return [
            Translation(join_prefix(prefix, "officials said work went well")) for prefix in prefixes
        ]


class QueuingBackend(NeverRenderingBackend):
    """Queues a call when it is submitted; decodes it only when it is collected."""

    def submit(self, sources, prefixes, on_batch=None):
        self.events.append(("queued", len(sources)))

        def collect():
            results = self.translate_with_prefix(sources, prefixes)
            if on_batch is not None:
                on_batch(list(range(len(sources))))
            return results

        return collect


def _pieces(count: int) -> list[Piece]:
    sources = [f"{SENTENCES[n % 4]} (tin số {n})." for n in range(count)]
    return [
        Piece(source, tuple(GLOSSARY.match(source, "2024-03-01")), f"b{n}.s1")
        for n, source in enumerate(sources)
    ]


def test_queued_chunks_give_the_same_jobs_as_chunks_one_at_a_time():
    pieces = _pieces(2 * CHUNK_SIZE + 10)
    plain = PieceTranslator(NeverRenderingBackend()).translate(pieces, "first")
    queued = PieceTranslator(QueuingBackend()).translate(pieces, "first")
    assert queued == plain
    assert any(job.methods for job in queued.values())  # terms were forced by re-decoding


def test_the_next_chunk_is_queued_before_this_chunks_terms_are_forced():
    backend = QueuingBackend()
    done = []
    PieceTranslator(backend).translate(_pieces(2 * CHUNK_SIZE + 10), "first", on_done=done.extend)
    kinds = [kind for kind, _ in backend.events]
    assert kinds.index("queued", 1) < kinds.index("re-decode")
    assert [size for kind, size in backend.events if kind == "queued"] == [
        CHUNK_SIZE,
        CHUNK_SIZE,
        10,
    ]
    assert len(set(done)) == 2 * CHUNK_SIZE + 10

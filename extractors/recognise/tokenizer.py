"""The tokenizer of the recognition pipeline: sentence pieces, not characters.

The recognisers read the document's text and report character offsets; no component looks at
tokens, only at sentence boundaries.  spaCy's Chinese ``char`` segmenter made one token per
character, and building those tokens cost more than all recognition together (about 2 µs a
character); one token per clause still cost a quarter of the extraction.  So a token here is a
sentence piece: the text up to and including a sentence end (。！？；!?; or a line break) and the
one closing mark right behind it.  Every sentence start is then a token start by construction
(:class:`~extractors.recognise.components.SentenceSplitter` marks them with the same rule), and
the tokens join back to the exact text.

Sentence pieces are unique strings, and spaCy keeps every string it has seen: the extractor
therefore processes each report inside ``nlp.memory_zone()``, which frees them afterwards, so
memory stays flat over any number of reports.  Because each report's pieces are new to the
vocabulary, spaCy would compute their lexical attributes (shape, like_num, stop word …) for every
one, about 30 µs a piece; no component reads them, so this pipeline's vocabulary computes none.
"""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

# Where a sentence ends, and the closing marks that stay with the sentence they end (one, right
# after the end mark): “好。”他说 → “好。” | 他说.  An opening quote after an end mark begins the next.
SENTENCE_END = "。！？；!?;\n"
CLOSERS = "”’」』）)】》\"'"
SENTENCE_BOUNDARY = re.compile(f"[{re.escape(SENTENCE_END)}][{re.escape(CLOSERS)}]?")


CUTS_KEY = "govkg_sentence_cuts"


def sentence_cuts(text: str) -> list[int]:
    """Offsets where a sentence starts after the first (the end of each boundary match)."""
    return [m.end() for m in SENTENCE_BOUNDARY.finditer(text)]


class SentencePieceTokenizer:
    """Text → Doc whose tokens are the sentence pieces (no trailing-space flags: blanks stay inside
    the pieces, so ``doc.text`` is the input unchanged)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        found = sentence_cuts(text)
        cuts = [0, *found, len(text)]
        words = [text[a:b] for a, b in pairwise(cuts) if b > a]
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data[CUTS_KEY] = found  # the sentence splitter's boundaries, found once
        return doc


@registry.tokenizers("govkg.sentence_piece_tokenizer")
def create_sentence_piece_tokenizer():
    def make(nlp) -> SentencePieceTokenizer:
        nlp.vocab.lex_attr_getters = {}  # see the module docstring: nothing reads them
        return SentencePieceTokenizer(nlp.vocab)

    return make

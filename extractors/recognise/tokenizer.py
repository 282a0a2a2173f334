"""The tokenizer of the recognition pipeline: clause pieces, not characters.

The recognisers read the document's text and report character offsets; nothing in the pipeline
looks at single characters as tokens.  spaCy's Chinese ``char`` segmenter made one token per
character, and building those tokens cost more than all recognition together (about 2 µs a
character).  This tokenizer makes a token of every clause (opening marks, the text up to the
next punctuation, and the punctuation after it) and of every run of blanks: a sentence end and its
closing quote end a token and an opening quote begins one, so every sentence start is a token
start (what :class:`SentenceSplitter` needs), with about one token per clause.  The tokens join
back to the exact text.

Clause tokens are mostly unique strings, and spaCy keeps every string it has seen: the extractor
therefore processes each report inside ``nlp.memory_zone()``, which frees them afterwards, so
memory stays flat over any number of reports.  Because each report's clauses are new to the
vocabulary, spaCy would compute its lexical attributes (shape, like_num, stop word …) for every
one, about 30 µs a clause; no component reads them, so this pipeline's vocabulary computes none.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

# Punctuation of Chinese and Western text: ASCII marks, general punctuation (“”‘’…—), CJK
# symbols and punctuation (。、「」《》【】〔〕), full-width forms (，！？：；（）).
PUNCTUATION = (r"!-/:-@\[-`{-~\u2010-\u205f\u3001-\u303f\ufe10-\ufe6f"
               r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65")
# Marks that open something (a quotation, a bracket, a title): they begin the next token.
OPENERS = "“‘「『《〈【〔（［｛([{\"'"
# Where a sentence ends (a line break too, but blanks are tokens of their own), and the closing
# marks that stay with the sentence they end: one right after the end mark.
SENTENCE_END = "。！？；!?;"
CLOSERS = "”’」』）)】》\"'"
_OPEN, _END, _CLOSE = re.escape(OPENERS), re.escape(SENTENCE_END), re.escape(CLOSERS)
# The one closing mark a line break may end a sentence with; a run of blanks; or a clause: opening
# marks, the text, then the punctuation after it (closing quotes, commas …) up to and including a
# sentence end and one closing mark.  So every sentence start is a token start.
TOKEN = re.compile(rf"(?<=\n)[{_CLOSE}]|\s+|[{_OPEN}]*[^\s{PUNCTUATION}]*(?:(?![{_OPEN}{_END}])[{PUNCTUATION}])*"
                   rf"(?:[{_END}][{_CLOSE}]?)?")


class ClauseTokenizer:
    """Text → Doc of clause pieces, punctuation marks and blank runs (no trailing-space flags:
    blanks are tokens of their own, so ``doc.text`` is the input unchanged)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words = [w for w in TOKEN.findall(text) if w]  # the pattern also matches empty strings
        return Doc(self.vocab, words=words, spaces=[False] * len(words))


@registry.tokenizers("govkg.clause_tokenizer")
def create_clause_tokenizer():
    def make(nlp) -> ClauseTokenizer:
        nlp.vocab.lex_attr_getters = {}  # see the module docstring: nothing reads them
        return ClauseTokenizer(nlp.vocab)
    return make

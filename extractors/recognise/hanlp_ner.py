"""HanLP's Chinese NER as a govkg recogniser (optional extra: ``pip install 'govkg[hanlp]'``).

The model is whatever ``hanlp.load`` accepts: a pretrained identifier (MSRA_NER_ELECTRA_SMALL_ZH,
the default, and the other names in ``hanlp.pretrained.ner``), a URL, or a local folder holding a
saved component (one trained by ``kg train --backend hanlp``, say).  Models are cached under
``HANLP_HOME`` (default ~/.hanlp) by HanLP itself; transformer-based ones also fetch their encoder
into the Hugging Face cache.  Offline with nothing cached, loading fails with one line saying how to
get the model, instead of HanLP's retry loop and colour banner.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys

from extractors.recognise.statistical import TRAINING_LABELS, RecogniserError

DEFAULT_MODEL = "MSRA_NER_ELECTRA_SMALL_ZH"
OFFLINE_VARIABLES = ("KG_OFFLINE", "HF_HUB_OFFLINE")


class HanLPModel:
    """A loaded HanLP NER component; inputs are character lists, so token indices are offsets."""

    def __init__(self, component, batch_size: int = 32) -> None:
        self.component = component
        self.batch_size = batch_size

    def spans(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        if not texts:
            return []
        with quiet():
            results = self.component([characters(t) for t in texts], batch_size=self.batch_size)
        return [[(int(begin), int(end), str(label)) for _, label, begin, end in entities] for entities in results]


def load_hanlp(model: str | None, kb_names: dict[str, str]) -> HanLPModel:
    """Load a HanLP NER component by identifier, URL or folder, with the knowledge base as its
    ``dict_whitelist`` where the component supports one (HanLP's transformer NER, which every
    pretrained MSRA/OntoNotes model is): known names then stay whole instead of being cut into a
    place and a remainder (安徽 | 政务服务网)."""
    identifier = model or DEFAULT_MODEL
    try:
        import hanlp
    except ImportError:
        raise RecogniserError("HanLP is not installed: pip install 'govkg[hanlp]'") from None
    resolved = hanlp.pretrained.ALL.get(identifier, identifier)
    remote = resolved.startswith(("http://", "https://"))
    if not remote and not os.path.exists(resolved):
        raise RecogniserError(
            f"HanLP model '{identifier}' is neither a folder nor a HanLP model identifier (such as {DEFAULT_MODEL})"
        )
    if remote and _offline() and not _cached(resolved):
        raise RecogniserError(_not_cached(identifier, "offline"))
    try:
        with quiet():
            component = hanlp.load(resolved, verbose=False)
    except Exception as exc:  # HanLP raises many kinds; the user needs one line
        reason = " ".join(str(exc).split("\n")[0].split())[:160] or exc.__class__.__name__
        if remote:
            raise RecogniserError(_not_cached(identifier, reason)) from None
        raise RecogniserError(f"HanLP model at {resolved} could not be loaded ({reason})") from None
    if hasattr(type(component), "dict_whitelist"):
        component.dict_whitelist = {name: TRAINING_LABELS[t] for name, t in kb_names.items() if t in TRAINING_LABELS}
    return HanLPModel(component)


def characters(text: str) -> list[str]:
    """The model's tokens: one per character, whitespace shown as U+2423 (a token that is blank
    breaks HanLP's TSV reader in training and means nothing to a model) — the length is kept."""
    return ["\u2423" if ch.isspace() else ch for ch in text]


def hanlp_home() -> str:
    """Where HanLP keeps models: ``HANLP_HOME``, else ~/.hanlp (HanLP's own default)."""
    return os.environ.get("HANLP_HOME") or os.path.join(os.path.expanduser("~"), ".hanlp")


def _offline() -> bool:
    return any(os.environ.get(v, "").lower() in ("1", "true", "yes") for v in OFFLINE_VARIABLES)


def _cached(url: str) -> bool:
    """Whether HanLP would find the model in HANLP_HOME without downloading."""
    from hanlp.utils.io_util import path_from_url, split_if_compressed

    path, compressed = split_if_compressed(path_from_url(url.split("#")[0], hanlp_home()))
    return os.path.isdir(path) or bool(compressed and os.path.isfile(path + compressed))


def _not_cached(identifier: str, reason: str) -> str:
    return (
        f"HanLP model {identifier} is not in HANLP_HOME ({hanlp_home()}) and could not be downloaded "
        f"({reason}); on a machine with internet run: python -c \"import hanlp; hanlp.load('{identifier}')\", "
        f"then copy that HANLP_HOME (and the Hugging Face cache) here, or pass --model FOLDER"
    )


@contextlib.contextmanager
def quiet():
    """HanLP prints progress and colour banners to stdout and stderr (some through handles taken at
    import), and `kg extract` writes JSON to stdout: both descriptors go to /dev/null meanwhile."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            yield
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, devnull):
            os.close(fd)

"""Statistical recognisers end to end: models trained here by `kg train` (spaCy, HanLP) from weak
labels, loaded through the same code users take (`--ner spacy|hanlp --model`), merged with the
rules; HanLP's pretrained-model path offline; the knowledge base as HanLP's dict_whitelist."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import EXAMPLES, require, run_kg
from ner_corpus import INVENTED_PLATFORM, write_corpus, write_kb, write_target

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("ner")
    write_corpus(root / "corpus")
    return {"root": root, "corpus": root / "corpus", "kb": write_kb(root / "kb"),
            "target": write_target(root / "target.txt")}


def _train(corpus: dict[str, Path], backend: str, epochs: int) -> tuple[Path, dict]:
    out = corpus["root"] / f"model-{backend}"
    proc = run_kg("train", str(corpus["corpus"]), "--kb-dir", str(corpus["kb"]), "--out", str(out),
                  "--backend", backend, "--epochs", str(epochs), "--json")
    return out, json.loads(proc.stdout)


@pytest.fixture(scope="module")
def spacy_model(corpus) -> tuple[Path, dict]:
    return _train(corpus, "spacy", 20)


def _hanlp_installed() -> None:
    try:
        import hanlp  # noqa: F401
    except ImportError:
        require("hanlp is not installed (pip install -e '.[hanlp]')")


@pytest.fixture(scope="module")
def hanlp_model(corpus) -> tuple[Path, dict]:
    _hanlp_installed()
    return _train(corpus, "hanlp", 30)


def _platforms(*args: str, cwd: Path | None = None) -> dict[str, dict]:
    proc = run_kg("extract", *args, "-f", "json", cwd=cwd)
    [report] = json.loads(proc.stdout)
    return {e["name"]: e for e in report["entities"]["platform"]}


def test_kg_train_spacy_saves_a_model_and_scores_it_on_held_out_sentences(spacy_model):
    model, summary = spacy_model
    assert (model / "config.cfg").is_file() and (model / "ner").is_dir()
    assert summary["documents"] == 30 and summary["labelled_sentences"] > 0
    assert {"PLATFORM", "PROGRAM", "AGENCY", "LOC"} <= set(summary["labels"])
    held_out = summary["held_out"]
    assert held_out["gold"] > 0 and held_out["f1"] >= 0.5, held_out


def test_spacy_model_finds_a_name_the_rules_miss(corpus, spacy_model):
    model, _ = spacy_model
    assert INVENTED_PLATFORM not in _platforms(str(corpus["target"]))  # the rules alone: missed
    found = _platforms(str(corpus["target"]), "--ner", "spacy", "--model", str(model))
    assert found[INVENTED_PLATFORM]["found_by"] == ["statistical"]
    assert found[INVENTED_PLATFORM]["count"] == 2


def test_load_with_a_model_reextracts_and_runs_in_worker_processes(corpus, spacy_model, tmp_path):
    model, _ = spacy_model
    db = str(tmp_path / "db")
    reports = [str(corpus["target"]), str(EXAMPLES)]
    first = run_kg("load", *reports, "--db", db, "-j", "1")
    assert "5 loaded" in first.stdout
    second = run_kg("load", *reports, "--db", db, "-j", "2", "--ner", "spacy", "--model", str(model))
    assert "5 replaced" in second.stdout  # a model changes the extraction fingerprint
    rows = json.loads(run_kg("query", "adopters", f"platform={INVENTED_PLATFORM}", "--db", db, "-f", "json").stdout)
    assert [r["region"] for r in rows] == ["宁海县"] and INVENTED_PLATFORM in rows[0]["evidence"]
    candidates = json.loads(run_kg("query", "candidates", "--db", db, "-f", "json").stdout)
    assert INVENTED_PLATFORM in {r["name"] for r in candidates}  # unknown to the KB: offered for curation
    kb_rows = json.loads(run_kg("query", "adopters", "platform=浙里办", "--db", db, "-f", "json").stdout)
    assert [r["region"] for r in kb_rows] == ["安吉县"]  # the rules' facts are still there


def test_config_file_chooses_the_recogniser_and_flags_override_it(corpus, spacy_model, tmp_path):
    model, _ = spacy_model
    (tmp_path / "models").mkdir()
    os.symlink(model, tmp_path / "models" / "ner")
    (tmp_path / "govkg.toml").write_text('[ner]\nrecogniser = "spacy"\nmodel = "models/ner"\n', encoding="utf-8")
    assert INVENTED_PLATFORM in _platforms(str(corpus["target"]), cwd=tmp_path)
    assert INVENTED_PLATFORM not in _platforms(str(corpus["target"]), "--ner", "none", cwd=tmp_path)

    bad = tmp_path / "bad.toml"
    bad.write_text('[ner]\nrecogniser = "spacy"\nmodle = "x"\n', encoding="utf-8")
    proc = run_kg("extract", str(corpus["target"]), "--config", str(bad), check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "bad.toml" in proc.stderr and "modle" in proc.stderr


@pytest.mark.parametrize("args, reason", [
    (["--ner", "spacy"], "needs --model"),
    (["--ner", "spacy", "--model", "/nonexistent/model"], "could not be loaded"),
    (["--ner", "flair"], "unknown recogniser"),
])
def test_unusable_recogniser_is_one_line_and_exit_2(corpus, args, reason):
    proc = run_kg("extract", str(corpus["target"]), *args, check=False)
    assert proc.returncode == 2, proc.stderr
    assert reason in proc.stderr and proc.stderr.strip().count("\n") == 0
    assert proc.stdout == ""


def test_rules_win_overlaps_and_statistical_spans_fill_gaps():
    from extractors.recognise.candidates import Candidate, select_non_overlapping

    kb = Candidate("platform", 2, 5, "皖事通", "kb")
    longer_statistical = Candidate("platform", 2, 9, "皖事通移动端", "statistical")
    alone = Candidate("agency", 12, 16, "某某中心", "statistical")
    shorter_statistical = Candidate("agency", 13, 15, "某中", "statistical")
    chosen = select_non_overlapping([longer_statistical, kb, shorter_statistical, alone])
    assert chosen == [kb, alone]


@pytest.mark.hanlp
def test_hanlp_rnn_model_trained_by_kg_train_loads_through_hanlp_load(corpus, hanlp_model):
    model, summary = hanlp_model
    assert (model / "config.json").is_file()
    assert json.loads((model / "config.json").read_text())["classpath"].endswith("RNNNamedEntityRecognizer")
    assert summary["held_out"]["f1"] >= 0.5, summary["held_out"]
    found = _platforms(str(corpus["target"]), "--ner", "hanlp", "--model", str(model))
    assert found[INVENTED_PLATFORM]["found_by"] == ["statistical"]


@pytest.mark.hanlp
def test_hanlp_pretrained_identifier_offline_without_cache_is_one_clear_line(corpus, tmp_path):
    _hanlp_installed()
    home = tmp_path / "hanlp-home"
    proc = run_kg("extract", str(corpus["target"]), "--ner", "hanlp", check=False,
                  env={"HANLP_HOME": str(home), "KG_OFFLINE": "1"})
    assert proc.returncode == 2
    line = proc.stderr.strip()
    assert "\n" not in line
    assert "MSRA_NER_ELECTRA_SMALL_ZH" in line and f"HANLP_HOME ({home})" in line and "--model" in line
    assert not home.exists() or not any(home.rglob("*.zip"))


@pytest.mark.hanlp
def test_knowledge_base_is_hanlp_dict_whitelist_on_a_transformer_ner(corpus, tmp_path):
    """HanLP's pretrained NER models are TransformerNamedEntityRecognizer: one is trained here on a
    tiny BERT made from scratch, then loaded by load_hanlp, which hands it the knowledge base."""
    _hanlp_installed()
    from hanlp.components.ner.transformer_ner import TransformerNamedEntityRecognizer
    from transformers import BertConfig, BertModel, BertTokenizer

    from extractors.read import read_document
    from extractors.recognise import build_nlp
    from extractors.recognise.hanlp_ner import characters, load_hanlp, quiet
    from extractors.recognise.weak_labels import weak_labels, write_bio_tsv

    nlp = build_nlp([str(corpus["kb"])])
    sentences = [s for p in sorted(corpus["corpus"].glob("*.txt")) for s in weak_labels(nlp, read_document(p))]
    tsv = tmp_path / "train.tsv"
    write_bio_tsv(sentences, tsv)
    chars = sorted({ch for s in sentences for ch in characters(s.text)})
    encoder = tmp_path / "tiny-bert"
    encoder.mkdir()
    (encoder / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars]) + "\n",
                                       encoding="utf-8")
    config = BertConfig(vocab_size=len(chars) + 5, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=512)
    BertModel(config).save_pretrained(encoder)
    BertTokenizer(str(encoder / "vocab.txt")).save_pretrained(encoder)
    saved = tmp_path / "transformer-ner"
    with quiet():
        TransformerNamedEntityRecognizer().fit(str(tsv), str(tsv), str(saved), transformer=str(encoder), epochs=3,
                                               batch_size=32, lr=5e-3, transformer_lr=5e-3, verbose=False)

    sentence = "今年，青山易办正式上线。"  # a name the model never saw
    model = load_hanlp(str(saved), {"青山易办": "platform"})
    assert (3, 7, "PLATFORM") in model.spans([sentence])[0]
    model.component.dict_whitelist = None
    assert (3, 7, "PLATFORM") not in model.spans([sentence])[0]

"""textkit.cache: the on-disk Parquet cache, its keys, atomic writes and recovery from damage."""

from __future__ import annotations

import multiprocessing
import re
import threading
import warnings
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

import textkit.datafiles
import textkit.normalize
from textkit.cache import CacheCorruptionWarning, ParquetCache, normalize_data_files, normalizer_version
from textkit.normalize import normalize_corpus
from textkit.pipeline import make_tokenizer, prepare_corpus
from textkit.tokenize import POLICY_LEXICON, Segmenter, TokenCache, Tokenizer


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter()


@pytest.fixture(scope="module")
def seed_paragraphs(seed_documents) -> list[str]:
    """Distinct normalized paragraphs of the seeds (about 170)."""
    documents, _ = normalize_corpus(seed_documents)
    paragraphs = [p for text in documents["text_norm"] for p in text.split("\n") if len(p) >= 20]
    return list(dict.fromkeys(paragraphs))


def _counting(monkeypatch, segmenter: Segmenter) -> list[str]:
    calls: list[str] = []
    original = segmenter.segment_joined  # what the tokenizer segments with

    def counting(text):
        calls.append(text)
        return original(text)

    monkeypatch.setattr(segmenter, "segment_joined", counting)
    return calls


def _parts(folder: Path) -> list[Path]:
    return sorted(folder.glob("*/part-*.parquet"))


# --------------------------------------------------------------------------- the store


def test_round_trip_by_namespace(tmp_path):
    cache = ParquetCache(tmp_path)
    assert isinstance(cache, TokenCache)
    cache.put_many("tokens-a", {"k1": "以学促干 走深走实", "k2": ""})
    cache.put_many("tokens-b", {"k1": "其他"})
    again = ParquetCache(tmp_path)  # another session on the same folder
    assert again.get_many("tokens-a", ["k1", "k2", "k3"]) == {"k1": "以学促干 走深走实", "k2": ""}
    assert again.get_many("tokens-b", ["k1"]) == {"k1": "其他"}
    assert again.get_many("tokens-c", ["k1"]) == {}
    assert (again.hits, again.misses) == (3, 2)
    assert again.namespaces() == ["tokens-a", "tokens-b"]
    assert len(again) == 3
    with pytest.raises(ValueError, match="namespace"):
        cache.put_many("../escape", {"k": "v"})
    with pytest.raises(TypeError):
        cache.put_many("tokens-a", {"k": ["not", "a", "string"]})


_VALUES = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)  # Parquet: UTF-8


@settings(max_examples=40, deadline=None)
@given(items=st.dictionaries(st.text(alphabet="0123456789abcdef", min_size=1, max_size=8), _VALUES))
def test_any_strings_come_back_unchanged(tmp_path_factory, items):
    folder = tmp_path_factory.mktemp("cache")
    ParquetCache(folder).put_many("tokens-any", items)
    assert ParquetCache(folder).get_many("tokens-any", [*items, "absent"]) == items


def test_files_are_parquet_with_a_checksum_column(tmp_path):
    ParquetCache(tmp_path).put_many("tokens-a", {"k": "主题教育"})
    (part,) = _parts(tmp_path)
    table = pq.read_table(part)
    assert table.column_names == ["key", "value", "crc32"]
    assert table.column("value").to_pylist() == ["主题教育"]
    assert not list(tmp_path.glob("*/.tmp-*"))  # the temporary file was renamed


def test_compaction_merges_files_and_keeps_every_entry(tmp_path):
    cache = ParquetCache(tmp_path, compact_above=3)
    for number in range(10):
        cache.put_many("tokens-a", {f"k{number}": f"值{number}", "shared": "同一个"})
    assert len(_parts(tmp_path)) <= 3
    expected = {f"k{number}": f"值{number}" for number in range(10)} | {"shared": "同一个"}
    assert ParquetCache(tmp_path).get_many("tokens-a", list(expected)) == expected
    assert cache.compact("tokens-a")
    assert len(_parts(tmp_path)) == 1


# --------------------------------------------------------------------------- the tokenizer on disk


def test_cache_hit_skips_segmentation_across_sessions(tmp_path, segmenter, seed_paragraphs, monkeypatch):
    calls = _counting(monkeypatch, segmenter)
    first = Tokenizer(segmenter, cache=ParquetCache(tmp_path)).tokenize_corpus(seed_paragraphs)
    assert len(calls) == len(seed_paragraphs)

    later = Tokenizer(segmenter, cache=ParquetCache(tmp_path))  # a new session
    assert later.tokenize_corpus(seed_paragraphs) == first
    assert len(calls) == len(seed_paragraphs)  # nothing segmented again
    assert later.cache.hits == 1  # the whole list, kept as one (tokenize_corpus)

    # a corpus with one more text: only that text is segmented
    added = "坚持以学促干，推动主题教育走深走实、见行见效。"
    tokens = later.tokenize_corpus([*seed_paragraphs, added])
    assert calls[len(seed_paragraphs) :] == [added]
    assert later.cache.hits == 1 + len(seed_paragraphs)  # the others read text by text
    assert tokens[:-1] == first
    assert tokens[-1] == Tokenizer(segmenter).tokenize(added)


def test_analysis_tokens_cached_equal_uncached_and_keyed_by_the_filters(
    tmp_path, segmenter, seed_paragraphs, monkeypatch
):
    texts = [*seed_paragraphs[:30], seed_paragraphs[0], "２０２３年，ＡＰＰ上线。", ""]
    plain = Tokenizer(segmenter).tokenize_corpus(texts)
    assert Tokenizer(segmenter, cache=ParquetCache(tmp_path)).tokenize_corpus(texts) == plain
    calls = _counting(monkeypatch, segmenter)
    again = Tokenizer(segmenter, cache=ParquetCache(tmp_path))
    filtered = []
    monkeypatch.setattr(again, "_filter", lambda words: filtered.append(words) or [])
    tokens = again.tokenize_corpus(texts)
    assert tokens == plain and not calls and not filtered  # read back whole: no segmenting, no filtering
    assert tokens[0] is not tokens[30]  # a repeated text still gets its own list
    # the same words are one object across texts, as the filters return them
    shared = {id(word) for row in tokens for word in row if word == tokens[0][0]}
    assert len(shared) == 1
    other = Tokenizer(segmenter, cache=ParquetCache(tmp_path), extra_stopwords=[plain[0][0]])
    assert other.filter_fingerprint() != again.filter_fingerprint()
    assert plain[0][0] not in other.tokenize_corpus(texts)[0]  # other filters: not the cached tokens
    assert Tokenizer(segmenter, min_chars=2).filter_fingerprint() != Tokenizer(segmenter).filter_fingerprint()


def test_a_whole_token_list_is_kept_by_every_text_in_order_and_read_back_equal(
    tmp_path, segmenter, seed_paragraphs, monkeypatch
):
    texts = [*seed_paragraphs[:40], seed_paragraphs[0], ""]
    plain = Tokenizer(segmenter).tokenize_corpus(texts)
    assert Tokenizer(segmenter, cache=ParquetCache(tmp_path)).tokenize_corpus(texts) == plain
    blobs = list(tmp_path.glob("analysis-*/blob-corpus-*.bin"))
    assert len(blobs) == 1
    calls = _counting(monkeypatch, segmenter)
    again = Tokenizer(segmenter, cache=ParquetCache(tmp_path))
    monkeypatch.setattr(again.cache, "get_many", lambda *a: pytest.fail("read text by text"))
    tokens = again.tokenize_corpus(texts)
    assert tokens == plain and not calls
    assert tokens[0] is not tokens[40]  # a repeated text still gets its own list
    tokens[0].append("改动")  # changing what was returned changes nothing stored
    assert Tokenizer(segmenter, cache=ParquetCache(tmp_path)).tokenize_corpus(texts) == plain
    # another order, one text fewer, one text changed: other lists, each equal to the uncached one
    for other in (texts[::-1], texts[1:], [texts[0] + "。", *texts[1:]]):
        assert Tokenizer(segmenter, cache=ParquetCache(tmp_path)).tokenize_corpus(other) == (
            Tokenizer(segmenter).tokenize_corpus(other)
        )
    assert len(list(tmp_path.glob("analysis-*/blob-corpus-*.bin"))) == 4


def test_tokens_read_text_by_text_equal_the_uncached_and_share_each_word(
    tmp_path, segmenter, seed_paragraphs, monkeypatch
):
    # a rerun with one new text: the whole list is a miss, the other texts' tokens are read and split
    texts = [*seed_paragraphs[:40], seed_paragraphs[0], ""]
    Tokenizer(segmenter, cache=ParquetCache(tmp_path)).tokenize_corpus(texts)
    grown = [*texts[:20], "新增的一篇文章推进主题教育。", *texts[20:]]
    calls = _counting(monkeypatch, segmenter)
    tokens = Tokenizer(segmenter, cache=ParquetCache(tmp_path)).tokenize_corpus(grown)
    monkeypatch.undo()
    assert tokens == Tokenizer(segmenter).tokenize_corpus(grown)
    assert calls == ["新增的一篇文章推进主题教育。"]  # only the new text is segmented
    assert tokens[0] is not tokens[41]  # a repeated text still gets its own list
    read = [row for position, row in enumerate(tokens) if position != 20]
    objects: dict[str, set[int]] = {}
    for row in read:
        for word in row:
            objects.setdefault(word, set()).add(id(word))
    assert all(len(ids) == 1 for ids in objects.values())  # each word read is one object


def test_lexicon_change_segments_again(tmp_path, segmenter, seed_paragraphs):
    sentence = "深化班子理论学习、机关党委督学、党支部研学、党小组促学、党员干部自学五学联动机制"
    texts = [*seed_paragraphs[:20], sentence]
    plain = Tokenizer(segmenter, cache=ParquetCache(tmp_path)).tokenize_corpus(texts)
    extended = Segmenter(user_terms=["五学联动"])
    assert extended.fingerprint != segmenter.fingerprint
    cache = ParquetCache(tmp_path)
    tokens = Tokenizer(extended, cache=cache).tokenize_corpus(texts)
    # nothing reused across lexicons: neither the analysis tokens nor the segmentations
    assert cache.hits == 0 and cache.misses == 2 * len(texts) + 1  # and the whole list
    assert "五学联动" in tokens[-1] and "五学联动" not in plain[-1]
    names = sorted(p.name.split("-")[0] for p in tmp_path.iterdir())
    assert names == ["analysis", "analysis", "tokens", "tokens"]  # one namespace each per segmenter


def test_make_tokenizer_with_a_folder(tmp_path, seed_paragraphs):
    tokenizer = make_tokenizer(tmp_path / "cache")
    assert isinstance(tokenizer.cache, ParquetCache)
    tokens = tokenizer.tokenize_corpus(seed_paragraphs[:10])
    assert make_tokenizer().tokenize_corpus(seed_paragraphs[:10]) == tokens
    assert make_tokenizer(tmp_path / "cache", extra_stopwords=["干部"]).stopwords >= {"干部"}


# --------------------------------------------------------------------------- damage


def test_truncated_file_is_recomputed_with_one_warning(tmp_path, segmenter, seed_paragraphs, monkeypatch):
    texts = seed_paragraphs[:30]
    expected = Tokenizer(segmenter, cache=ParquetCache(tmp_path)).tokenize_corpus(texts)
    parts = _parts(tmp_path)
    assert len(parts) == 2  # the segmentations and the analysis tokens
    for part in [*parts, *tmp_path.glob("*/blob-*.bin")]:  # and the whole list
        part.write_bytes(part.read_bytes()[: part.stat().st_size // 2])  # a crash mid-write

    calls = _counting(monkeypatch, segmenter)
    with pytest.warns(CacheCorruptionWarning, match="damaged"):
        tokens = Tokenizer(segmenter, cache=ParquetCache(tmp_path)).tokenize_corpus(texts)
    assert tokens == expected
    assert len(calls) == len(texts)  # every entry of the damaged file recomputed
    assert list(tmp_path.glob("*/.damaged-part-*"))  # set aside, not read again

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert Tokenizer(segmenter, cache=ParquetCache(tmp_path)).tokenize_corpus(texts) == expected
    assert len(calls) == len(texts)  # the recomputed entries were stored again


def test_garbage_file_is_skipped(tmp_path):
    cache = ParquetCache(tmp_path)
    cache.put_many("tokens-a", {"good": "完好"})
    (tmp_path / "tokens-a" / "part-0-garbage.parquet").write_bytes(b"PAR1 not parquet at all")
    with pytest.warns(CacheCorruptionWarning):
        assert ParquetCache(tmp_path).get_many("tokens-a", ["good", "other"]) == {"good": "完好"}


def test_damaged_entry_is_recomputed(tmp_path):
    folder = tmp_path / "tokens-a"
    folder.mkdir()
    # a well-formed file whose second value does not match its checksum
    table = pa.table(
        {"key": ["k1", "k2"], "value": ["政绩观", "被改动"], "crc32": [0, 0]},
        schema=pa.schema([("key", pa.string()), ("value", pa.large_string()), ("crc32", pa.uint32())]),
    )
    table = table.set_column(2, "crc32", pa.array([zlib.crc32("政绩观".encode()), 12345], pa.uint32()))
    pq.write_table(table, folder / "part-0-handmade.parquet")
    with pytest.warns(CacheCorruptionWarning, match="1 damaged entry"):
        assert ParquetCache(tmp_path).get_many("tokens-a", ["k1", "k2"]) == {"k1": "政绩观"}


# --------------------------------------------------------------------------- concurrency


def _write_many(folder: str, worker: int, rounds: int) -> None:
    cache = ParquetCache(folder, compact_above=2)  # compact often, to collide with the other writer
    for number in range(rounds):
        cache.put_many("tokens-shared", {f"k{number}": f"值{number}", f"w{worker}-{number}": "独有"})
        cache.get_many("tokens-shared", [f"k{number}"])


def test_concurrent_writers_do_not_corrupt(tmp_path):
    """Two processes and two threads write (and compact) one namespace at the same time."""
    rounds = 25
    context = multiprocessing.get_context("spawn")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with ProcessPoolExecutor(2, mp_context=context) as pool:
            futures = [pool.submit(_write_many, str(tmp_path), worker, rounds) for worker in (0, 1)]
            threads = [threading.Thread(target=_write_many, args=(str(tmp_path), w, rounds)) for w in (2, 3)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            for future in futures:
                future.result()
        expected = {f"k{n}": f"值{n}" for n in range(rounds)}
        expected |= {f"w{w}-{n}": "独有" for w in range(4) for n in range(rounds)}
        cache = ParquetCache(tmp_path)
        assert cache.get_many("tokens-shared", list(expected)) == expected
    assert not list(tmp_path.glob("*/.damaged-*"))


# --------------------------------------------------------------------------- normalization


def test_normalize_corpus_cache_gives_the_same_tables(tmp_path, seed_documents, monkeypatch):
    fresh_docs, fresh_audit = normalize_corpus(seed_documents)
    cache = ParquetCache(tmp_path)
    cold_docs, cold_audit = normalize_corpus(seed_documents, cache=cache)

    calls = []
    original = textkit.normalize._normalize_with_audit
    monkeypatch.setattr(
        textkit.normalize, "_normalize_with_audit", lambda *a: calls.append(a) or original(*a)
    )
    warm_docs, warm_audit = normalize_corpus(seed_documents, cache=ParquetCache(tmp_path))
    assert calls == []  # everything came from the cache
    for docs, audit in [(cold_docs, cold_audit), (warm_docs, warm_audit)]:
        assert_frame_equal(docs, fresh_docs)
        assert_frame_equal(audit, fresh_audit)

    # a renamed file is still a hit; an edited one is normalized again
    renamed = seed_documents.assign(doc_id=seed_documents["doc_id"] + ".renamed")
    edited = seed_documents.head(1).assign(text=seed_documents["text"].iloc[0] + "\n新增一段。")
    docs, audit = normalize_corpus(
        pd.concat([renamed, edited], ignore_index=True), cache=ParquetCache(tmp_path)
    )
    assert len(calls) == 1
    assert set(audit["doc_id"]) == set(renamed["doc_id"]) | set(edited["doc_id"])


def test_normalizer_data_change_normalizes_again(tmp_path, seed_documents, monkeypatch):
    normalize_corpus(seed_documents.head(2), cache=ParquetCache(tmp_path))
    before = normalizer_version()

    changed = tmp_path / "boilerplate.tsv"
    changed.write_bytes(
        textkit.datafiles.data_path("boilerplate.tsv").read_bytes() + b"line\t^\xe6\x96\xb0$\t\n"
    )
    original = textkit.datafiles.data_path
    monkeypatch.setattr(
        textkit.datafiles, "data_path", lambda name: changed if name == "boilerplate.tsv" else original(name)
    )
    assert normalizer_version() != before

    calls = []
    original_step = textkit.normalize._normalize_with_audit
    monkeypatch.setattr(
        textkit.normalize, "_normalize_with_audit", lambda *a: calls.append(a) or original_step(*a)
    )
    normalize_corpus(seed_documents.head(2), cache=ParquetCache(tmp_path))
    assert len(calls) == 2
    assert len(list(tmp_path.glob("normalize-*"))) == 2


def test_normalizer_version_covers_every_data_file_normalize_reads(repo):
    modules = sorted((repo / "textkit" / "normalize").glob("*.py"))
    source = "".join(path.read_text(encoding="utf-8") for path in modules)
    calls = re.findall(r"\b(?:read_tsv|read_lines|data_path)\(", source)
    files = normalize_data_files()
    assert {"boilerplate.tsv", "t2s_fixes.tsv"} <= set(files)
    # every data file is named literally, so normalize_data_files() cannot miss one
    assert len(calls) == len(re.findall(r"""\b(?:read_tsv|read_lines|data_path)\(\s*["']""", source))
    assert all(textkit.datafiles.data_path(name).is_file() for name in files)


def test_prepare_corpus_with_a_cache_folder_is_quiet_and_identical(tmp_path, seeds_dir, capfd):
    plain = prepare_corpus(seeds_dir)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cold = prepare_corpus(seeds_dir, cache_dir=tmp_path)
        warm = prepare_corpus(seeds_dir, cache_dir=tmp_path)
    for table in plain._fields:
        assert_frame_equal(getattr(cold, table), getattr(plain, table))
        assert_frame_equal(getattr(warm, table), getattr(plain, table))
    out, err = capfd.readouterr()
    assert out == "" and err == ""


# --------------------------------------------------------------------------- unwritable folder (issue 17 #7)


def test_full_disk_degrades_to_no_disk_cache_with_one_warning(tmp_path, monkeypatch):
    import errno

    from textkit.cache import CacheUnavailableWarning

    cache = ParquetCache(tmp_path / "c")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pq, "write_table", full)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cache.put_many("tokens-a", {"k1": "以学促干"})
        cache.put_many("tokens-a", {"k2": "走深走实"})
    unavailable = [w for w in caught if issubclass(w.category, CacheUnavailableWarning)]
    assert len(unavailable) == 1 and "No space left" in str(unavailable[0].message)
    assert not cache.writable and cache.get_many("tokens-a", ["k1"]) == {}
    assert not list((tmp_path / "c").rglob("*.parquet")) and not list((tmp_path / "c").rglob(".tmp-*"))


def test_uncreatable_cache_folder_degrades_and_the_tokenizer_still_works(tmp_path, segmenter):
    from textkit.cache import CacheUnavailableWarning

    blocker = tmp_path / "file"
    blocker.write_bytes(b"not a folder")
    with pytest.warns(CacheUnavailableWarning, match="without a disk cache"):
        cache = ParquetCache(blocker / "cache")  # a file where a folder should be: NotADirectoryError
    tokenizer = Tokenizer(segmenter, cache=cache)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # one warning only: none from later writes
        tokens = tokenizer.tokenize("树立和践行正确政绩观")
    assert "正确政绩观" in tokens
    assert cache.namespaces() == []


def test_make_tokenizer_counts_policy_terms_whole():
    from textkit.tokenize import read_lexicon

    policy = {entry.term for entry in read_lexicon(POLICY_LEXICON)}
    sentence = "用党的创新理论武装头脑，推进生态文明建设和基层治理。"
    found = [term for term in ("党的创新理论", "生态文明建设", "基层治理") if term in policy]
    assert found, "the policy lexicon lost the terms this test reads"
    tokens = make_tokenizer().tokenize(sentence)
    assert all(term in tokens for term in found)
    # the campaign lexicon alone splits at least one of them: the policy lexicon is what keeps them
    plain = make_tokenizer(segmenter=Segmenter()).tokenize(sentence)
    assert not all(term in plain for term in found)


# --------------------------------------------------------------------------- prune


def _age(paths, seconds_ago: float) -> None:
    import os
    import time

    for path in paths:
        if path.exists():
            stamp = time.time() - seconds_ago
            os.utime(path, (stamp, stamp))


def test_prune_drops_the_least_recently_used_entries_first(tmp_path):
    from textkit.cache import ParquetCache

    cache = ParquetCache(tmp_path)
    cache.put_blob("models", "old", b"o" * 5000)
    cache.put_blob("models", "read", b"r" * 5000)
    cache.put_many("tokens-x", {f"k{i}": "词 " * 500 for i in range(20)})
    _age([cache._blob_path("models", "old")], 300)
    _age([cache._blob_path("models", "read")], 200)
    _age((tmp_path / "tokens-x").iterdir(), 100)
    assert ParquetCache(tmp_path).get_blob("models", "read") == b"r" * 5000  # a read makes it recent
    removed = ParquetCache(tmp_path).prune(cache.size() - 1)
    assert [p.name for p in removed] == ["blob-old.bin"]
    removed = ParquetCache(tmp_path).prune(cache.size() - 1)
    assert {p.parent.name for p in removed} == {"tokens-x"}  # the namespace goes whole
    assert not (tmp_path / "tokens-x").exists()
    fresh = ParquetCache(tmp_path)
    assert fresh.get_blob("models", "read") == b"r" * 5000
    assert fresh.get_many("tokens-x", ["k1"]) == {}  # gone: computed again when asked for
    assert fresh.prune(10**9) == []


def test_prune_keeps_what_the_run_used_and_reads_of_a_namespace_count_as_use(tmp_path):
    import time

    from textkit.cache import ParquetCache

    cache = ParquetCache(tmp_path)
    cache.put_many("normalize-a", {"k": "值" * 2000})
    cache.put_many("normalize-b", {"k": "值" * 2000})
    _age((tmp_path / "normalize-a").iterdir(), 500)
    _age((tmp_path / "normalize-b").iterdir(), 400)
    started = time.time() - 1
    assert ParquetCache(tmp_path).get_many("normalize-a", ["k"])  # a is used by this run
    removed = ParquetCache(tmp_path).prune(0, keep_used_after=started)
    assert {p.parent.name for p in removed} == {"normalize-b"}
    assert ParquetCache(tmp_path).get_many("normalize-a", ["k"]) == {"k": "值" * 2000}


# --------------------------------------------------------------------------- prepared corpus


def _copy_seeds(seeds_dir, target):
    import shutil

    shutil.copytree(seeds_dir, target)
    return target


def _refusing_load(monkeypatch):
    import textkit.pipeline

    calls = []
    original = textkit.pipeline.load_corpus

    def counting(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(textkit.pipeline, "load_corpus", counting)
    return calls


def test_prepare_corpus_reads_its_tables_back_on_the_same_files(tmp_path, seeds_dir, monkeypatch):
    corpus = _copy_seeds(seeds_dir, tmp_path / "corpus")
    plain = prepare_corpus(corpus, default_source="人民日报")
    prepare_corpus(corpus, default_source="人民日报", cache_dir=tmp_path / "cache")
    loads = _refusing_load(monkeypatch)
    warm = prepare_corpus(corpus, default_source="人民日报", cache_dir=tmp_path / "cache")
    assert loads == []
    for table in plain._fields:
        assert_frame_equal(getattr(warm, table), getattr(plain, table))


@pytest.mark.parametrize("change", ["edit", "add", "remove", "rename", "default_source", "other file"])
def test_prepare_corpus_misses_on_any_change_of_files_or_parameters(tmp_path, seeds_dir, monkeypatch, change):
    corpus = _copy_seeds(seeds_dir, tmp_path / "corpus")
    cache = tmp_path / "cache"
    prepare_corpus(corpus, cache_dir=cache)
    files = sorted(corpus.rglob("*.txt"))
    source = None
    if change == "edit":
        files[3].write_bytes(files[3].read_bytes() + "\n新增一句话。\n".encode())
    elif change == "add":
        (corpus / "new.txt").write_bytes(files[0].read_bytes() + "\n（新增）\n".encode())
    elif change == "remove":
        files[2].unlink()
    elif change == "rename":
        files[2].rename(files[2].with_name("renamed.txt"))
    elif change == "default_source":
        source = "人民日报"
    else:  # a file the pattern does not match is listed in the report
        (corpus / "notes.docx").write_bytes(b"PK\x03\x04")
    loads = _refusing_load(monkeypatch)
    cached = prepare_corpus(corpus, default_source=source, cache_dir=cache)
    assert len(loads) == 1
    plain = prepare_corpus(corpus, default_source=source)
    for table in plain._fields:
        assert_frame_equal(getattr(cached, table), getattr(plain, table))


def test_the_corpus_fingerprint_covers_the_folder_as_named(tmp_path, seeds_dir, monkeypatch):
    from textkit.corpus import corpus_fingerprint

    corpus = _copy_seeds(seeds_dir, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    # the documents' path column holds the folder as given
    assert corpus_fingerprint("corpus") != corpus_fingerprint(corpus)
    assert corpus_fingerprint("corpus") == corpus_fingerprint("corpus")


def test_normalizer_version_follows_the_modules_normalize_imports(monkeypatch):
    # normalize reads jieba's dictionary through textkit._jieba_dict (the line-break check): an
    # edit there must invalidate cached normalizations, as one to the package itself does
    before = normalizer_version()
    read_text = Path.read_text

    def edited(path, *args, **kwargs):
        text = read_text(path, *args, **kwargs)
        return text + "\n# edited\n" if path.name == "_jieba_dict.py" else text

    monkeypatch.setattr(Path, "read_text", edited)
    assert normalizer_version() != before

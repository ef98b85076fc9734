"""fit_topics_cached: notebooks 03 and 04 fit the topics once; nothing stale is ever reused.

Also the two pieces of textkit.cache it stands on: ``put_blob``/``get_blob`` (whole objects,
checked by SHA-256) and ``code_version`` (a key from the source of the modules and what they
import)."""

from __future__ import annotations

import functools
import pickle
import warnings
from pathlib import Path

import numpy as np
import pytest
from call_helpers import count_calls
from pandas.testing import assert_frame_equal

import textkit.cache
import textkit.cluster
from textkit.cache import CacheCorruptionWarning, ParquetCache, code_version
from textkit.cluster import fit_topics
from textkit.normalize import normalize_corpus
from textkit.pipeline import fit_topics_cached, make_tokenizer, topics_key

PARAMS = {"ks": [2, 3, 4], "min_stability": 0.75, "random_state": 0, "unit": "paragraph"}


@pytest.fixture(scope="module")
def tokens(seed_documents) -> list[list[str]]:
    documents, _ = normalize_corpus(seed_documents)
    paragraphs = [p for text in documents["text_norm"] for p in text.split("\n") if len(p) >= 20]
    return make_tokenizer().tokenize_corpus(list(dict.fromkeys(paragraphs)))


def _no_fit(monkeypatch) -> None:
    @functools.wraps(fit_topics)  # the same signature: topics_key reads it
    def refuse(*args, **kwargs):
        raise AssertionError("fit_topics ran although the cache held the fit")

    monkeypatch.setattr(textkit.cluster, "fit_topics", refuse)


def _same(first, second) -> None:
    (model_a, table_a), (model_b, table_b) = first, second
    assert np.array_equal(model_a.labels_, model_b.labels_)
    assert model_a.cluster_labels_.tolist() == model_b.cluster_labels_.tolist()
    assert np.array_equal(model_a.embedding_, model_b.embedding_)
    assert (model_a.matrix_ != model_b.matrix_).nnz == 0
    if table_a is None:  # k was given: no choice of k
        assert table_b is None
    else:
        assert_frame_equal(table_a, table_b)
        assert table_a.attrs == table_b.attrs


def test_a_hit_returns_the_fit_of_fit_topics_without_fitting(tmp_path, tokens, monkeypatch):
    uncached = fit_topics(tokens, **PARAMS)
    first = fit_topics_cached(tokens, tmp_path, **PARAMS)
    _same(first, uncached)
    assert len(list(tmp_path.glob("topics-*/blob-*.bin"))) == 1
    _no_fit(monkeypatch)
    again = fit_topics_cached(tokens, tmp_path, **PARAMS)
    _same(again, uncached)
    # n_jobs does not change the result, so it is not part of the key
    _same(fit_topics_cached(tokens, tmp_path, **PARAMS, n_jobs=1), uncached)


@pytest.mark.parametrize(
    "change",
    [
        {"random_state": 1},
        {"min_stability": 0.8},
        {"ks": [2, 3]},
        {"k": 3},
        {"char_weight": 0.25},  # a TopicClusterer parameter passed through fit_topics
        {"select_on": 10},
    ],
    ids=repr,
)
def test_a_changed_parameter_misses(tmp_path, tokens, monkeypatch, change):
    fit_topics_cached(tokens, tmp_path, **PARAMS)
    calls = count_calls(monkeypatch, textkit.cluster, "fit_topics")[1]
    changed = fit_topics_cached(tokens, tmp_path, **{**PARAMS, **change})
    assert len(calls) == 1
    _same(changed, fit_topics(tokens, **{**PARAMS, **change}))


def test_a_changed_token_or_order_misses(tokens):
    key = topics_key(tokens, **PARAMS)
    edited = [list(row) for row in tokens]
    edited[7][0] = edited[7][0] + "的"
    assert topics_key(edited, **PARAMS) != key
    assert topics_key(tokens[::-1], **PARAMS) != key
    # words joined differently are not the same tokens
    merged = [list(row) for row in tokens]
    merged[3] = ["".join(merged[3][:2]), *merged[3][2:]]
    assert topics_key(merged, **PARAMS) != key
    assert topics_key([list(row) for row in tokens], **PARAMS) == key


def test_a_default_named_or_left_out_is_the_same_key(tokens):
    assert topics_key(tokens, **PARAMS) == topics_key(tokens, **PARAMS, select_on=2000, n_draws=6)


def test_the_namespace_covers_the_code_the_fit_imports(tokens, monkeypatch):
    namespace, _ = topics_key(tokens, **PARAMS)
    original = Path.read_text

    def edited(path, *args, **kwargs):
        text = original(path, *args, **kwargs)
        return text + "\n# edited" if path.name == "features.py" else text

    monkeypatch.setattr(Path, "read_text", edited)
    assert topics_key(tokens, **PARAMS)[0] != namespace


def test_the_namespace_covers_package_versions(monkeypatch):
    before = code_version("textkit.cluster", packages=["scikit-learn"])
    monkeypatch.setattr(textkit.cache, "_package_version", lambda name: "0.0-other")
    assert code_version("textkit.cluster", packages=["scikit-learn"]) != before


def test_code_version_refuses_a_module_that_does_not_exist():
    with pytest.raises(ValueError, match="no textkit module"):
        code_version("textkit.no_such_module")


def test_without_a_folder_nothing_is_written(tmp_path, tokens, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _same(fit_topics_cached(tokens, None, **PARAMS), fit_topics(tokens, **PARAMS))
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- blobs


def test_blob_round_trip_and_miss(tmp_path):
    cache = ParquetCache(tmp_path)
    data = pickle.dumps({"政绩观": np.arange(5)})
    assert cache.get_blob("topics-x", "k1") is None
    cache.put_blob("topics-x", "k1", data)
    assert cache.get_blob("topics-x", "k1") == data
    assert cache.get_blob("topics-x", "k2") is None
    assert (cache.hits, cache.misses, cache.writes) == (1, 2, 1)
    assert not list(tmp_path.glob("topics-x/.tmp-*"))


def test_a_pickle_streamed_to_a_blob_is_the_blob_of_its_bytes(tmp_path):
    """put_pickle/get_pickle pickle into and out of the file (no copy of the bytes in memory):
    the file is the one put_blob writes for pickle.dumps of the value, either reads the other,
    a stored None is a hit, and a damaged file is a miss."""
    value = {"政绩观": np.arange(100_000), "none": None}
    streamed, whole = ParquetCache(tmp_path / "a"), ParquetCache(tmp_path / "b")
    assert streamed.get_pickle("topics-x", "k1") == (False, None)
    streamed.put_pickle("topics-x", "k1", value)
    whole.put_blob("topics-x", "k1", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    (a,), (b,) = (tmp_path / "a").glob("topics-x/blob-*"), (tmp_path / "b").glob("topics-x/blob-*")
    assert a.read_bytes() == b.read_bytes()
    found, loaded = whole.get_pickle("topics-x", "k1")
    assert found and loaded.keys() == value.keys() and (loaded["政绩观"] == value["政绩观"]).all()
    assert pickle.loads(streamed.get_blob("topics-x", "k1"))["none"] is None
    streamed.put_pickle("topics-x", "nothing", None)
    assert streamed.get_pickle("topics-x", "nothing") == (True, None)
    content = bytearray(a.read_bytes())
    content[-3] ^= 0xFF
    a.write_bytes(bytes(content))
    with pytest.warns(CacheCorruptionWarning):
        assert streamed.get_pickle("topics-x", "k1") == (False, None)
    assert not list(tmp_path.glob("*/topics-x/.tmp-*"))


def test_a_damaged_blob_is_a_miss_with_one_warning(tmp_path, tokens):
    fit_topics_cached(tokens, tmp_path, **PARAMS)
    (blob,) = tmp_path.glob("topics-*/blob-*.bin")
    content = bytearray(blob.read_bytes())
    content[-10] ^= 0xFF
    blob.write_bytes(bytes(content))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        refit = fit_topics_cached(tokens, tmp_path, **PARAMS)
    assert [w.category for w in caught] == [CacheCorruptionWarning]
    _same(refit, fit_topics(tokens, **PARAMS))
    assert len(list(blob.parent.glob(".damaged-*"))) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _same(fit_topics_cached(tokens, tmp_path, **PARAMS), refit)  # written again, read cleanly


def test_blob_keys_are_checked(tmp_path):
    with pytest.raises(ValueError, match="blob key"):
        ParquetCache(tmp_path).put_blob("topics-x", "../escape", b"")


@pytest.mark.slow
def test_two_workers_on_a_large_corpus_fit_the_same_topics_as_one(tmp_path):
    """Over 1,000 units the search over k goes to worker processes. joblib memory-maps arrays
    over 1 MB read-only, on which k-means failed with float64 embeddings (WRITEBACKIFCOPY base
    is read-only); the search now sends its sample whole (``_scan``, ``max_nbytes=None``)."""
    rng = np.random.default_rng(0)
    vocabulary = [f"词{i}" for i in range(3000)]
    tokens = [list(rng.choice(vocabulary[(u % 8) * 300 : (u % 8) * 300 + 600], 300)) for u in range(2500)]
    params = {"ks": [2, 3, 4], "random_state": 0}
    serial = fit_topics_cached(tokens, None, **params, n_jobs=1)
    _same(fit_topics_cached(tokens, None, **params, n_jobs=2), serial)
    _same(fit_topics_cached(tokens, tmp_path, **params, n_jobs=2), serial)


# --------------------------------------------------------------------------- inside the fit


def _counting(monkeypatch, module, name: str) -> list:
    """Count calls of ``module.name`` (still running it); for ``_measure``, record its k."""
    return count_calls(monkeypatch, module, name, lambda args: args[3] if name == "_measure" else None)[1]


def test_another_search_on_the_same_units_reuses_the_embedding_and_each_k(tmp_path, tokens, monkeypatch):
    """Notebook 05 (KS 2 … 8, firm at 0.8) after 03 (more ks, firm at 0.75): its search and
    embedding are read from 03's, and its fit equals an uncached one."""
    import textkit.cluster._cache as store
    import textkit.cluster.select as select

    fit_topics(tokens, **PARAMS, cache_dir=tmp_path)
    other = {**PARAMS, "ks": [2, 3], "min_stability": 0.8}
    uncached = fit_topics(tokens, **other)
    measured = _counting(monkeypatch, select, "_measure")
    embedded = _counting(monkeypatch, store, "_embed")
    _same(fit_topics(tokens, **other, cache_dir=tmp_path), uncached)
    assert measured == [] and embedded == []
    # a k not searched before is measured, alone
    wider = {**other, "ks": [2, 5]}
    uncached = fit_topics(tokens, **wider)
    measured.clear(), embedded.clear()
    _same(fit_topics(tokens, **wider, cache_dir=tmp_path), uncached)
    assert measured == [5] and embedded == []


@pytest.mark.parametrize(
    "change",
    [{"random_state": 1}, {"n_draws": 4}, {"char_weight": 0.25}, {"select_on": 40}, {"tokens": "edited"}],
    ids=repr,
)
def test_each_k_and_the_embedding_miss_on_any_change(tmp_path, tokens, monkeypatch, change):
    import textkit.cluster._cache as store
    import textkit.cluster.select as select

    fit_topics(tokens, **PARAMS, cache_dir=tmp_path)
    change = dict(change)
    rows = tokens
    if change.pop("tokens", None):
        rows = [list(row) for row in tokens]
        rows[5] = [*rows[5], "政绩观"]
    params = {**PARAMS, **change}
    uncached = fit_topics(rows, **params)
    measured = _counting(monkeypatch, select, "_measure")
    embedded = _counting(monkeypatch, store, "_embed")
    _same(fit_topics(rows, **params, cache_dir=tmp_path), uncached)
    assert sorted(measured) == [2, 3, 4]
    # the seed, the features and the tokens change the embedding; the draws and the sample do not
    assert len(embedded) == (0 if {"n_draws", "select_on"} & set(change) else 1)
    if "select_on" in change:  # a sample chosen by content is embedded on its own
        content = {**params, "search_on": "content"}
        uncached = fit_topics(rows, **content)
        measured.clear(), embedded.clear()
        _same(fit_topics(rows, **content, cache_dir=tmp_path), uncached)
        assert sorted(measured) == [2, 3, 4] and len(embedded) == 1


def test_a_unit_added_outside_a_content_sample_reuses_every_k(tmp_path, tokens, monkeypatch):
    """Above ``select_on`` units the search can run on a sample chosen by content and embedded on its
    own (``search_on="content"``): a corpus with one more unit whose hash is not among the
    sample's searches nothing again, and its fit equals an uncached one; a unit that enters the
    sample is searched again."""
    import textkit.cluster._cache as store
    import textkit.cluster.select as select

    params = {**PARAMS, "select_on": 40, "search_on": "content"}
    fit_topics(tokens, **params, cache_dir=tmp_path)
    sample = set(select.content_sample(tokens, 40, 0))
    added = {}
    for word in ["政绩观", "主题教育", "高质量发展", "乡村振兴", "防汛", "民生", "党建", "改革"]:
        rows = [*tokens[:10], [word, *tokens[3]], *tokens[10:]]
        inside = 10 in set(select.content_sample(rows, 40, 0))
        added.setdefault(inside, rows)
    assert set(added) == {False, True}, "no added unit fell on each side of the sample"
    outside = added[False]
    assert {i if i < 10 else i + 1 for i in sample} == set(select.content_sample(outside, 40, 0))
    uncached = {inside: fit_topics(rows, **params) for inside, rows in added.items()}
    measured = _counting(monkeypatch, select, "_measure")
    embedded = _counting(monkeypatch, store, "_embed")
    _same(fit_topics(outside, **params, cache_dir=tmp_path), uncached[False])
    assert measured == [] and len(embedded) == 1  # the final model's embedding of all units
    measured.clear(), embedded.clear()
    _same(fit_topics(added[True], **params, cache_dir=tmp_path), uncached[True])
    assert sorted(measured) == [2, 3, 4] and len(embedded) == 2


def test_the_cache_folder_is_not_part_of_the_key(tokens, tmp_path):
    assert topics_key(tokens, **PARAMS) == topics_key(tokens, **PARAMS, cache_dir=tmp_path)


def test_a_miss_waits_for_a_fit_in_progress_and_reads_it(tmp_path, tokens, monkeypatch):
    """Notebooks side by side: while one holds the folder's topics lock (fitting), another call on
    the same tokens waits, looks again and reads what the first stored, without fitting."""
    import threading

    from textkit.pipeline import _one_fit_at_a_time

    fitted = fit_topics(tokens, **PARAMS)
    namespace, key = topics_key(tokens, **PARAMS)
    _no_fit(monkeypatch)
    got = []
    with _one_fit_at_a_time(tmp_path):  # "another process" fitting
        waiting = threading.Thread(target=lambda: got.append(fit_topics_cached(tokens, tmp_path, **PARAMS)))
        waiting.start()
        waiting.join(timeout=1.0)
        assert waiting.is_alive() and not got  # blocked on the lock
        ParquetCache(tmp_path).put_pickle(namespace, key, fitted)  # the fit is stored, then released
    waiting.join(timeout=60)
    model, table = got[0]
    assert_frame_equal(table, fitted[1])
    np.testing.assert_array_equal(model.labels_, fitted[0].labels_)


def test_large_arrays_of_a_pickle_are_mapped_and_read_back_exactly(tmp_path):
    """put_pickle stores arrays of 1 MiB or more after the pickle stream (textkit._pickles) and
    get_pickle maps them copy-on-write: the same values and dtypes, a sparse matrix's arrays too,
    writable without changing the file; a damaged buffer is a miss like any damaged blob."""
    from scipy import sparse

    from textkit._pickles import ALIGN, OUT_OF_BAND_MIN

    rng = np.random.default_rng(0)
    value = {
        "embedding": rng.random((2_000, 100)),  # 1.6 MB: mapped
        "matrix": sparse.random(3_000, 5_000, density=0.02, format="csr", random_state=0),
        "fortran": np.asfortranarray(rng.random((600, 300))),
        "small": np.arange(10),  # in the stream
        "text": "政绩观",
    }
    cache = ParquetCache(tmp_path)
    cache.put_pickle("topics-x", "k1", value)
    (blob,) = tmp_path.glob("topics-x/blob-*.bin")
    assert blob.read_bytes().startswith(b"textkit-blob-2\n")
    found, loaded = cache.get_pickle("topics-x", "k1")
    assert found and loaded["text"] == "政绩观" and loaded["small"].tolist() == list(range(10))
    for name in ("embedding", "fortran"):
        assert loaded[name].dtype == value[name].dtype and (loaded[name] == value[name]).all()
        assert not loaded[name].flags.owndata and loaded[name].flags.writeable
    assert loaded["fortran"].flags.f_contiguous
    assert (loaded["matrix"] != value["matrix"]).nnz == 0 and loaded["matrix"].dtype == value["matrix"].dtype
    # each mapped buffer starts a page of the file
    assert loaded["embedding"].__array_interface__["data"][0] % ALIGN == 0
    assert loaded["embedding"].nbytes >= OUT_OF_BAND_MIN
    loaded["embedding"][:] = 0.0  # a private copy: the file keeps its values
    again = cache.get_pickle("topics-x", "k1")[1]
    assert (again["embedding"] == value["embedding"]).all()
    # a flipped byte inside a mapped buffer: the checksum covers the buffers too
    content = bytearray(blob.read_bytes())
    content[len(content) // 2] ^= 0xFF
    blob.write_bytes(bytes(content))
    with pytest.warns(CacheCorruptionWarning):
        assert cache.get_pickle("topics-x", "k1") == (False, None)


# --------------------------------------------------------------------------- the model refers to its space


def _same_space_parts(model_a, model_b) -> None:
    """Every attribute a model takes from its space, equal value for value (not only the labels)."""
    assert (model_a.matrix_ != model_b.matrix_).nnz == 0 and model_a.matrix_.dtype == model_b.matrix_.dtype
    assert np.array_equal(model_a.matrix_.indices, model_b.matrix_.indices)
    assert np.array_equal(model_a.embedding_, model_b.embedding_)
    assert np.array_equal(model_a.svd_.components_, model_b.svd_.components_)
    assert (model_a.word_counts_ != model_b.word_counts_).nnz == 0
    assert model_a.words_.tolist() == model_b.words_.tolist()
    names_a, names_b = (model.features_.get_feature_names_out().tolist() for model in (model_a, model_b))
    assert names_a == names_b
    tokens = [["政绩观", "主题教育", "党"], ["调查研究"]]
    assert (model_a.features_.transform(tokens) != model_b.features_.transform(tokens)).nnz == 0


def test_the_stored_model_refers_to_the_stored_space_and_reads_back_the_same(tmp_path, tokens, monkeypatch):
    """The model blob holds references to the space blob instead of a second copy of its matrix,
    SVD, embedding and word counts; read back (here and in another call), every one of them equals
    the uncached fit's, and a second model on the same units (another k) refers to the same blob."""
    uncached = fit_topics(tokens, **PARAMS)
    first = fit_topics_cached(tokens, tmp_path, **PARAMS)
    (space_blob,) = tmp_path.glob("call-textkit.cluster._fit._embed-*/blob-*.bin")
    (model_blob,) = tmp_path.glob("topics-*/blob-*.bin")
    names = first[0].stored_space_[2]
    assert set(names) == {"features_", "matrix_", "svd_", "embedding_", "word_counts_", "words_"}
    assert model_blob.stat().st_size < space_blob.stat().st_size / 4
    _no_fit(monkeypatch)
    again = fit_topics_cached(tokens, tmp_path, **PARAMS)
    _same(again, uncached)
    _same_space_parts(again[0], uncached[0])
    monkeypatch.undo()
    other = fit_topics_cached(tokens, tmp_path, **{**PARAMS, "ks": None, "k": 3})
    assert len(list(tmp_path.glob("call-textkit.cluster._fit._embed-*/blob-*.bin"))) == 1
    assert other[0].stored_space_[:2] == first[0].stored_space_[:2]
    _same_space_parts(other[0], uncached[0])


def test_a_model_whose_space_blob_is_gone_is_a_miss(tmp_path, tokens):
    uncached = fit_topics(tokens, **PARAMS)
    fit_topics_cached(tokens, tmp_path, **PARAMS)
    (space_blob,) = tmp_path.glob("call-textkit.cluster._fit._embed-*/blob-*.bin")
    space_blob.unlink()  # as a prune that took the space and left the model would
    with pytest.MonkeyPatch.context() as patch:
        calls = count_calls(patch, textkit.cluster, "fit_topics")[1]
        again = fit_topics_cached(tokens, tmp_path, **PARAMS)
    assert len(calls) == 1
    _same(again, uncached)
    _same_space_parts(again[0], uncached[0])
    assert len(list(tmp_path.glob("call-textkit.cluster._fit._embed-*/blob-*.bin"))) == 1


def test_a_space_filled_after_it_was_stored_is_not_referred_to(tmp_path, tokens):
    """Only objects the stored space holds become references: word counts added to the space
    after it was stored stay in the model's own blob."""
    from textkit.cluster import TopicClusterer
    from textkit.cluster._cache import cached_space, note_space, space_references
    from textkit.features import count_matrix

    settings = TopicClusterer(random_state=0, unit="paragraph", char_weight=0.0).get_params()
    space = cached_space(tokens, settings, 0, tmp_path)
    assert space.word_counts is None  # no character block: no counts kept by the features
    space.word_counts = count_matrix(tokens)
    model = TopicClusterer(k=3, random_state=0, unit="paragraph", char_weight=0.0)
    model.fit(tokens, _space=space)
    note_space(model, space)
    assert set(model.stored_space_[2]) == {"features_", "matrix_", "svd_", "embedding_"}
    reference = space_references(model)
    assert reference(model.matrix_) is not None and reference(model.word_counts_) is None
    assert reference(model.matrix_.copy()) is None

"""Parallel and Dask runs give what the serial run gives; the fast engine gives what jieba gives."""

from __future__ import annotations

import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

import textkit.normalize
import textkit.parallel
import textkit.tokenize
from textkit.cache import ParquetCache
from textkit.corpus import load_corpus
from textkit.normalize import normalize_corpus
from textkit.parallel import map_batches
from textkit.tokenize import (
    _PROCESS_SEGMENTERS,
    EngineUnavailable,
    NullTokenCache,
    Segmenter,
    Tokenizer,
    _process_segmenter,
    exact_engine_available,
    fast_engine_available,
)

needs_fast = pytest.mark.skipif(not fast_engine_available(), reason="jieba-next is not installed")


@pytest.fixture
def always_parallel(monkeypatch):
    """Send even the few seed texts to the workers (normally they would be done in-process)."""
    monkeypatch.setattr(textkit.parallel, "PARALLEL_MIN_CHARS", 0)


@pytest.fixture(scope="module")
def normalized(seed_documents):
    return normalize_corpus(seed_documents)


@pytest.fixture(scope="module")
def paragraphs(normalized) -> list[str]:
    documents, _ = normalized
    return [p for text in documents["text_norm"] for p in text.split("\n") if p.strip()]


@pytest.fixture(scope="module")
def serial_tokens(paragraphs) -> list[list[str]]:
    return Tokenizer(Segmenter(engine="jieba"), cache=NullTokenCache()).tokenize_corpus(paragraphs)


# --------------------------------------------------------------------------- processes


def test_parallel_normalization_equals_serial(seed_documents, normalized, always_parallel):
    documents, audit = normalize_corpus(seed_documents, n_jobs=2)
    assert_frame_equal(documents, normalized[0])
    assert_frame_equal(audit, normalized[1])


def test_parallel_split_equals_serial(normalized, always_parallel):
    from textkit.articles import split_articles

    documents, _ = normalized
    serial = split_articles(documents, default_source="人民日报")
    assert len(serial) > len(documents)  # documents of several articles
    assert_frame_equal(split_articles(documents, default_source="人民日报", n_jobs=2), serial)


def test_parallel_tokens_equal_serial_with_a_disk_cache(tmp_path, paragraphs, serial_tokens, always_parallel):
    tokenizer = Tokenizer(Segmenter(), cache=ParquetCache(tmp_path))
    assert tokenizer.tokenize_corpus(paragraphs, n_jobs=2) == serial_tokens
    assert Tokenizer(Segmenter(), cache=ParquetCache(tmp_path)).tokenize_corpus(paragraphs) == serial_tokens


def test_map_batches_keeps_order(paragraphs):
    assert map_batches(_lengths, None, paragraphs, n_jobs=2) == [len(p) for p in paragraphs]
    assert map_batches(_lengths, None, [], n_jobs=2) == []


def _lengths(_unused, batch):
    return [len(text) for text in batch]


def _worker_address(_unused, batch):
    from distributed import get_worker

    return [get_worker().address for _ in batch]


# --------------------------------------------------------------------------- dask


def test_dask_without_a_client_says_what_to_do(paragraphs, monkeypatch):
    distributed = pytest.importorskip("distributed")
    try:
        distributed.get_client()
        pytest.skip("a Dask client is running")
    except ValueError:
        pass
    # a few texts are segmented here, without asking for workers (or a cluster)
    assert Tokenizer(Segmenter(), cache=NullTokenCache()).tokenize_corpus(paragraphs[:3], backend="dask")
    monkeypatch.setattr(textkit.parallel, "PARALLEL_MIN_CHARS", 0)
    with pytest.raises(RuntimeError, match="Client"):
        Tokenizer(Segmenter(), cache=NullTokenCache()).tokenize_corpus(paragraphs[:3], backend="dask")


@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("distributed")
    # Threads in this process: starts in well under a second, and prints nothing.
    logging.getLogger("distributed").setLevel(logging.ERROR)
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_dask_equals_serial(
    dask_client, seed_documents, normalized, paragraphs, serial_tokens, capfd, always_parallel
):
    tokens = Tokenizer(Segmenter(), cache=NullTokenCache()).tokenize_corpus(paragraphs, backend="dask")
    assert tokens == serial_tokens
    documents, audit = normalize_corpus(seed_documents, backend="dask")
    assert_frame_equal(documents, normalized[0])
    assert_frame_equal(audit, normalized[1])
    # the work ran on the cluster's workers, not in this thread
    assert set(map_batches(_worker_address, None, paragraphs, backend="dask")) == set(dask_client.nthreads())
    out, err = capfd.readouterr()
    assert out == "" and err == ""


# --------------------------------------------------------------------------- engines


@needs_fast
def test_auto_engine_is_exact_where_installed():
    pytest.importorskip("rjieba")
    assert Segmenter().engine_used == "exact"
    assert Segmenter(engine="jieba").engine_used == "jieba"
    assert Segmenter(engine="fast").fingerprint == Segmenter(engine="jieba").fingerprint
    assert Segmenter(engine="exact").fingerprint == Segmenter(engine="jieba").fingerprint


@pytest.mark.parametrize("hmm", [True, False])
@pytest.mark.parametrize("terms", [(), ("G20", "五学联动", "a1-b2")])
def test_exact_engine_equals_jieba_on_seeds_and_edge_cases(seed_documents, normalized, hmm, terms):
    pytest.importorskip("rjieba")
    jieba_engine = Segmenter(engine="jieba", hmm=hmm, user_terms=terms)
    exact = Segmenter(engine="exact", hmm=hmm, user_terms=terms)
    edge = ["震慑常在的", "163.com 3.0T a.5b G20峰会aG20b", "\x00中国", "中\u3400国\U00020000人", ""]
    texts = [*seed_documents["text"], *normalized[0]["text_norm"], *edge]
    expected = [jieba_engine.segment(t) for t in texts]
    assert [exact.segment(t) for t in texts] == expected
    # as a worker segments its batch: the HMM's runs of all the texts cut together
    batch = Segmenter(engine="exact", hmm=hmm, user_terms=terms).segment_joined_many(texts)
    assert batch == [" ".join(words) for words in expected]


@needs_fast
@pytest.mark.parametrize("hmm", [True, False])
def test_fast_engine_equals_jieba_on_the_seeds(seed_documents, normalized, hmm):
    jieba_engine, fast = Segmenter(engine="jieba", hmm=hmm), Segmenter(engine="fast", hmm=hmm)
    texts = [*seed_documents["text"], *normalized[0]["text_norm"]]
    assert [fast.segment(t) for t in texts] == [jieba_engine.segment(t) for t in texts]


@needs_fast
def test_fast_engine_equals_jieba_with_user_terms(paragraphs):
    terms = ["五学联动", "G20", "学查改"]
    jieba_engine = Segmenter(user_terms=terms, engine="jieba")
    fast = Segmenter(user_terms=terms, engine="fast")
    assert [fast.segment(p) for p in paragraphs] == [jieba_engine.segment(p) for p in paragraphs]


@pytest.mark.slow
@pytest.mark.corpora
@needs_fast
def test_fast_engine_equals_jieba_on_peoples_daily(corpora):
    """Every one of the 5,158 People's Daily files, normalized, HMM on (about 30 s on 2 cores)."""
    from textkit.corpus import load_corpus

    documents, _ = load_corpus(corpora / "rmrb-2023-07-08", keep_duplicates=True)
    # Normalized here, so that the workers' first task builds the segmenters: loky measures a
    # worker's memory after its first task and restarts it if it grows by 300 MB.
    documents, _ = normalize_corpus(documents)
    pairs = list(zip(documents["doc_id"], documents["text_norm"], strict=True))
    differing = [doc_id for doc_id in map_batches(_differing, None, pairs, n_jobs=2) if doc_id]
    assert len(documents) > 5000
    assert differing == []


def _differing(_unused, pairs):
    # one set of segmenters per worker process, not per batch
    jieba_engine = _process_segmenter(Segmenter(engine="jieba"))
    others = [_process_segmenter(Segmenter(engine="fast"))]
    if exact_engine_available():
        others.append(Segmenter(engine="exact"))
    return [
        doc_id if any(other.segment(text) != jieba_engine.segment(text) for other in others) else ""
        for doc_id, text in pairs
    ]


def test_rjieba_is_an_option_with_its_own_cache_namespace(paragraphs):
    pytest.importorskip("rjieba")
    other = Segmenter(engine="rjieba")
    assert other.engine_used == "rjieba"
    assert other.fingerprint != Segmenter(engine="jieba").fingerprint
    for paragraph in paragraphs[:50]:
        assert "".join(other.segment(paragraph)) == "".join(paragraph.split())


def test_exact_engine_does_not_build_rjiebas_own_dictionary():
    """The "exact" engine loads rjieba's compiled module alone: ``import rjieba`` would build a
    default Jieba with jieba-rs's dictionary (0.1 s, 33 MiB) that it never uses. A later
    ``import rjieba`` still works and shares the class."""
    if not exact_engine_available():
        pytest.skip("rjieba is not installed")
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from textkit.tokenize import Segmenter\n"
        "s = Segmenter(engine='exact')\n"
        "words = s.segment('坚持以学促干，推动主题教育走深走实')\n"
        "assert s.engine_used == 'exact', s.engine_used\n"
        "assert 'rjieba' not in sys.modules, 'the package was imported'\n"
        "import rjieba\n"
        "assert rjieba.Jieba is sys.modules['rjieba.rjieba'].Jieba\n"
        "print(' '.join(words))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == Segmenter(engine="jieba").segment("坚持以学促干，推动主题教育走深走实")


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="engine"):
        Segmenter(engine="pkuseg")
    if not fast_engine_available():
        with pytest.raises(EngineUnavailable):
            Segmenter(engine="fast")


@needs_fast
def test_fast_engine_refuses_what_it_cannot_reproduce():
    # jieba-next's lookup stops after 12 dictionary words starting at one position; jieba does not
    word = "甲乙丙丁戊己庚辛壬癸子丑寅卯"
    terms = [word[:end] for end in range(2, len(word) + 1)]
    with pytest.raises(EngineUnavailable, match="prefixes"):
        Segmenter(user_terms=terms, engine="fast").segment(word)
    auto = Segmenter(user_terms=terms)
    assert auto.engine_used == ("exact" if exact_engine_available() else "jieba")
    assert auto.segment(word + "，" + word[:5]) == [word, "，", word[:5]]


@pytest.fixture(scope="module")
def engines() -> tuple[Segmenter, ...]:
    exact = (Segmenter(engine="exact"),) if exact_engine_available() else ()
    return Segmenter(engine="jieba"), Segmenter(engine="fast"), *exact


# Characters the seeds use, plus what jieba treats specially: ASCII letters, digits and the
# marks it keeps inside a block (+#&._%-), full-width digits, spaces, dashes and ellipses.
_SEED_ALPHABET = "党政绩观主题教育以学促干走深走实高质量发展一把手中国式现代化的了和在是年月日新时代"
_ALPHABET = _SEED_ALPHABET + "abcXY0159+#&._%-２０　 \n\r，。、“”——……·\u3400\uf967"


@needs_fast
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=_ALPHABET, max_size=80))
def test_fast_engine_equals_jieba_on_any_text(engines, text):
    jieba_engine, *others = engines
    for other in others:
        assert other.segment(text) == jieba_engine.segment(text)


def test_repeated_rows_get_their_own_token_lists(paragraphs):
    tokens = Tokenizer(Segmenter(), cache=NullTokenCache()).tokenize_corpus([paragraphs[0]] * 3)
    assert tokens[0] == tokens[1] == tokens[2]
    assert tokens[0] is not tokens[1]


# Characters jieba's HMM knows, some it knows only in some states (丢 never ends a word), some
# it has never seen (丄丅丏: every state equally improbable, so ties decide), and what its
# finalseg.cut handles outside Han runs (letters, digits, a decimal point, a percent sign).
_HMM_ALPHABET = "王小二来到杭研大厦常在的利剑高悬丢仉亓丄丅丏両ab12.%-"


@settings(max_examples=300, deadline=None)
@given(run=st.text(alphabet=_HMM_ALPHABET, max_size=25))
def test_hmm_transcription_equals_jiebas_hmm(run):
    import jieba.finalseg

    from textkit.tokenize._hmm import hmm_cut

    assert hmm_cut(run) == list(jieba.finalseg.cut(run))


@pytest.mark.corpora
def test_hmm_transcription_equals_jiebas_hmm_on_peoples_daily(corpora):
    """Every run of unknown characters the exact engine sends to the HMM in 600 files."""
    import re

    import jieba.finalseg

    from textkit.corpus import load_corpus
    from textkit.tokenize._hmm import hmm_cut, hmm_cut_joined_many

    documents, _ = load_corpus(corpora / "rmrb-2023-07-08")
    runs = {
        run
        for text in documents["text"].head(600)
        for run in re.findall(r"[\u4e00-\u9fd5a-zA-Z0-9+#&._%\-]{2,12}", text)
    }
    assert len(runs) > 10_000
    expected = [list(jieba.finalseg.cut(run)) for run in runs]
    assert [hmm_cut(run) for run in runs] == expected
    assert hmm_cut_joined_many(list(runs), "\x00") == ["\x00".join(words) for words in expected]


@settings(max_examples=200, deadline=None)
@given(runs=st.lists(st.text(alphabet=_HMM_ALPHABET, max_size=25), max_size=30))
def test_hmm_on_many_runs_at_once_equals_jiebas_hmm(runs):
    """hmm_cut_many (the Viterbi recursion of runs of equal length as numpy columns) gives
    jieba's words for each run."""
    import jieba.finalseg

    from textkit.tokenize._hmm import hmm_cut_many

    assert hmm_cut_many(runs) == [list(jieba.finalseg.cut(run)) for run in runs]


@settings(max_examples=200, deadline=None)
@given(
    runs=st.lists(st.text(alphabet=_HMM_ALPHABET + "，丨", max_size=25), max_size=30),
    odd=st.lists(st.text(alphabet=_HMM_ALPHABET + "\n|", max_size=6), max_size=3),
)
def test_hmm_on_runs_as_one_text_equals_jiebas_hmm(runs, odd):
    """hmm_cut_joined_many (the runs joined by line breaks, split into pieces by one pattern, the
    Han blocks cut together and the words put back at C speed) gives jieba's words for each run
    joined by the separator; runs holding the separator or a line break are cut one by one."""
    import re

    import jieba.finalseg

    from textkit.tokenize._hmm import hmm_cut_joined_many

    han = [block for run in runs for block in re.findall("[\u4e00-\u9fd5]+", run)]  # Han blocks only
    for texts in (runs, runs + odd, han):
        expected = ["|".join(jieba.finalseg.cut(run)) for run in texts]
        assert hmm_cut_joined_many(texts, "|") == expected
        # lead: the separator in front of each (the exact engine's memo), pure Han blocks or not
        assert hmm_cut_joined_many(texts, "|", lead=True) == ["|" + words for words in expected]


def test_hmm_pieces_are_finalsegs_blocks():
    """_PIECES is finalseg.cut's two patterns (Han blocks, then letter and digit runs) and a line break."""
    import jieba.finalseg

    from textkit.tokenize._hmm import _PIECES

    han, skip = (
        pattern.pattern.removeprefix("(").removesuffix(")")
        for pattern in (jieba.finalseg.re_han, jieba.finalseg.re_skip)
    )
    assert _PIECES.pattern == f"({han}|{skip}|\n)"


@needs_fast
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(alphabet=_ALPHABET + "王小二杭研丄丅\x00", max_size=80), max_size=12))
def test_texts_segmented_together_get_jiebas_words(engines, texts):
    """segment_joined_many (a worker's batch: the HMM's runs of all the texts cut together) gives
    what segment_joined gives each text, and jieba's words, whatever the texts hold (a separator
    character, Han characters jieba-rs reads otherwise, full-width digits, empty texts)."""
    jieba_engine, *others = engines
    expected = [" ".join(jieba_engine.segment(text)) for text in texts]
    for other in others:
        assert other.segment_joined_many(texts) == expected
        assert [other.segment_joined(text) for text in texts] == expected


@pytest.mark.corpora
def test_batches_segmented_together_equal_jieba_on_all_rmrb_files(corpora):
    """Every normalized rmrb file, segmented in batches as the workers do (segment_joined_many),
    gets jieba's words."""
    if not exact_engine_available():
        pytest.skip("rjieba is not installed")
    from textkit.corpus import load_corpus

    documents, _ = load_corpus(corpora / "rmrb-2023-07-08", keep_duplicates=True)
    documents, _ = normalize_corpus(documents, n_jobs=2)
    texts = documents["text_norm"].tolist()
    assert len(texts) > 5000
    assert map_batches(_batch_differs, None, texts, n_jobs=2) == [False] * len(texts)


def _batch_differs(_unused, texts):
    exact = Segmenter(engine="exact")
    jieba_engine = _process_segmenter(Segmenter(engine="jieba"))
    return [
        joined != " ".join(jieba_engine.segment(text))
        for text, joined in zip(texts, exact.segment_joined_many(texts), strict=True)
    ]


# Words as an engine gives them to segment_joined: whitespace alone (each character, or \r\n),
# dash and ellipsis characters alone, and words of block characters.
_JOINED_WORDS = st.lists(
    st.sampled_from(
        ["\n", "\r\n", " ", "\u3000", "\x1c", "\x85", "—", "…", "―", "中国", "人", "a1", "+", "，", "的"]
    )
)


@settings(max_examples=300, deadline=None)
@given(words=_JOINED_WORDS)
def test_joined_rewrites_equal_the_word_by_word_rules(words):
    """_finish_joined's rewrites of the words joined by the separator (whitespace words dropped by
    str.split at them, runs of one dash or ellipsis character joined by one pattern) give what the
    word-by-word rules of _segment_words give."""
    from textkit.tokenize._base import _RUN_MARKS
    from textkit.tokenize.engines import _SEP
    from textkit.tokenize.segmenter import _drop_whitespace_words

    expected: list[str] = []
    previous = ""
    for word in words:
        if word.isspace():
            previous = ""
        elif word in _RUN_MARKS and previous and set(previous) == {word}:
            expected[-1] = previous = previous + word
        else:
            expected.append(word)
            previous = word
    joined = _SEP.join(words)
    assert Segmenter()._finish_joined("".join(words), joined) == " ".join(expected)
    assert _drop_whitespace_words(joined) == _SEP.join(word for word in words if not word.isspace())


def test_joined_words_are_the_words(paragraphs):
    """segment_joined (the workers' form) is segment's words joined by spaces, for every engine
    and on text with dash and ellipsis runs, whitespace and full-width digits."""
    texts = [*paragraphs[:40], "他说——这是……真的", " 中国\n\n人民 ——  —— 好", "", "  ", "２０２３年…"]
    for engine in ("jieba", "auto"):
        segmenter = Segmenter(engine=engine)
        for text in texts:
            assert segmenter.segment_joined(text) == " ".join(segmenter._segment_words(text))


# --------------------------------------------------------------------------- forked workers


def test_forks_only_for_local_processes():
    import multiprocessing

    can_fork = "fork" in multiprocessing.get_all_start_methods()
    assert textkit.parallel.forks(2) is can_fork
    assert textkit.parallel.forks(2, backend="fork") is can_fork
    assert not textkit.parallel.forks(1)
    assert not textkit.parallel.forks(2, backend="loky")
    assert not textkit.parallel.forks(2, backend="dask")


def _engine_state(segmenter, batch):
    import os

    worker = _process_segmenter(segmenter)
    return [(os.getpid(), worker._engine is not None, worker.segment_joined(text)) for text in batch]


@pytest.mark.skipif(not textkit.parallel.forks(2), reason="this platform cannot fork")
def test_forked_workers_start_with_the_dictionary_built_here(paragraphs, always_parallel):
    """Tokenizer builds its segmenter in this process before the call; forked workers find it
    built (they never build their own), and their words are the serial words."""
    import os

    segmenter = Segmenter()
    tokenizer = Tokenizer(segmenter, cache=NullTokenCache())
    texts = paragraphs[:20]
    assert tokenizer.segment_texts(texts, n_jobs=2) == [segmenter.segment(p) for p in texts]
    # the parallel call built it here and registered it for the workers to find
    assert _process_segmenter(Segmenter())._engine is not None
    rows = map_batches(_engine_state, Segmenter(), paragraphs, n_jobs=2)
    assert {pid for pid, _, _ in rows} - {os.getpid()}, "the work ran in other processes"
    assert all(built for _, built, _ in rows)
    assert [joined for _, _, joined in rows] == [segmenter.segment_joined(p) for p in paragraphs]


def test_loky_backend_still_equals_serial(paragraphs, serial_tokens, always_parallel):
    tokenizer = Tokenizer(Segmenter(), cache=NullTokenCache())
    assert tokenizer.tokenize_corpus(paragraphs, backend="loky", n_jobs=2) == serial_tokens


@pytest.mark.skipif(not textkit.parallel.forks(2), reason="this platform cannot fork")
def test_a_dictionary_built_only_for_forked_workers_is_let_go_after_them(paragraphs, always_parallel):
    texts = paragraphs[:20]
    serial = [Segmenter(user_terms=["以学促干"]).segment(p) for p in texts]
    segmenter = Segmenter(user_terms=["以学促干"])
    _PROCESS_SEGMENTERS.clear()
    tokenizer = Tokenizer(segmenter, cache=NullTokenCache())
    assert tokenizer.segment_texts(texts, n_jobs=2) == serial
    assert not segmenter.built  # built for the workers, let go after them
    segmenter.segment("预热")
    assert tokenizer.segment_texts(texts, n_jobs=2) == serial
    assert segmenter.built  # built before the call: kept


# --------------------------------------------------------------------------- meanwhile

_BUILT_MEANWHILE: list[int] = []


def _meanwhile() -> None:
    import os

    _BUILT_MEANWHILE.append(os.getpid())


def _saw_meanwhile(_, batch: list) -> list:
    import os

    return [(os.getpid(), len(_BUILT_MEANWHILE), item) for item in batch]


def _frozen_in_worker(_, batch: list) -> list:
    import gc
    import os

    return [(os.getpid(), gc.get_freeze_count()) for _ in batch]


@pytest.mark.skipif(not textkit.parallel.forks(2), reason="this platform cannot fork")
def test_forked_workers_start_with_this_process_objects_frozen(always_parallel):
    """The workers are forked with this process's objects frozen (gc.freeze: their collections
    leave them alone), and here they are unfrozen again once the workers are forked."""
    import gc
    import os

    assert gc.get_freeze_count() == 0
    rows = map_batches(_frozen_in_worker, None, [str(i) * 50 for i in range(20)], n_jobs=2)
    assert all(pid != os.getpid() and frozen > 1000 for pid, frozen in rows)
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_meanwhile_runs_once_here_after_the_workers_fork(n_jobs, always_parallel):
    """map_batches(meanwhile=...) calls it once in this process, after forking: what it builds the
    forked workers do not get (they are forked before), and the results are those without it."""
    import os

    _BUILT_MEANWHILE.clear()
    items = [str(i) * 200 for i in range(40)]
    rows = map_batches(_saw_meanwhile, None, items, n_jobs=n_jobs, meanwhile=_meanwhile)
    assert [os.getpid()] == _BUILT_MEANWHILE
    assert [item for _, _, item in rows] == items
    if n_jobs == 2 and textkit.parallel.forks(2):
        assert {pid for pid, _, _ in rows} - {os.getpid()}, "the work ran in other processes"
        assert all(seen == 0 for pid, seen, _ in rows if pid != os.getpid())
    _BUILT_MEANWHILE.clear()
    assert map_batches(_saw_meanwhile, None, [], n_jobs=n_jobs, meanwhile=_meanwhile) == []
    assert [os.getpid()] == _BUILT_MEANWHILE  # no items: called all the same


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_normalization_calls_meanwhile_once_and_gives_the_same_tables(
    seed_documents, normalized, n_jobs, tmp_path, always_parallel
):
    calls: list[int] = []
    cache = ParquetCache(tmp_path)
    for _ in range(2):  # the second time every document comes from the cache
        documents, audit = normalize_corpus(
            seed_documents, n_jobs=n_jobs, cache=cache, meanwhile=lambda: calls.append(1)
        )
        assert_frame_equal(documents, normalized[0])
        assert_frame_equal(audit, normalized[1])
    assert calls == [1, 1]


def _files_of_every_kind(folder) -> None:
    """Files load_corpus reads, skips or flags: encodings, duplicates, empty, binary, a large file."""
    simplified = "树立和践行正确政绩观学习教育开展以来，各地紧扣总要求。\n第二段。\n"
    (folder / "nested").mkdir(parents=True)
    (folder / "a_gb18030.txt").write_bytes(simplified.encode("gb18030"))
    (folder / "b_big5.txt").write_bytes("樹立和踐行正確政績觀學習教育。\n".encode("big5"))
    utf16 = ("人民日报评论员文章。\r\n" + simplified).encode("utf-16")
    (folder / "nested" / "c_utf16.txt").write_bytes(utf16)
    (folder / "d_empty.txt").write_bytes(b"")
    (folder / "e_binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "f_duplicate.txt").write_bytes(simplified.encode("utf-8"))
    (folder / "g_large.txt").write_text("主题教育走深走实。\n" * 400, encoding="utf-8")
    (folder / "h_latin.txt").write_text("no Han at all\n", encoding="utf-8")
    (folder / "i_skipped.md").write_text("not a text file", encoding="utf-8")
    for number in range(30):
        (folder / f"j_{number:02d}.txt").write_text(f"第{number}篇文章。\n{simplified}", encoding="utf-8")


@pytest.mark.parametrize("keep_duplicates", [False, True])
def test_parallel_loading_equals_serial(tmp_path, keep_duplicates, always_parallel):
    """load_corpus(n_jobs=2) reads the files in workers (a large file here) and gives the serial
    tables; meanwhile is called once, here."""
    import os

    _files_of_every_kind(tmp_path)
    calls: list[int] = []
    options = {"large_file_bytes": 5_000, "keep_duplicates": keep_duplicates}
    serial = load_corpus(tmp_path, **options)
    parallel = load_corpus(tmp_path, n_jobs=2, meanwhile=lambda: calls.append(os.getpid()), **options)
    assert calls == [os.getpid()]
    assert "large file: 0.0 MB" in set(serial[0]["notes"])
    for got, expected in zip(parallel, serial, strict=True):
        assert_frame_equal(got, expected)
    assert load_corpus(tmp_path, meanwhile=lambda: calls.append(0), **options)[0].equals(serial[0])
    assert calls[-1] == 0  # without workers: called all the same


@pytest.mark.skipif(not textkit.parallel.forks(2), reason="this platform cannot fork")
def test_prepare_corpus_builds_the_segmenter_while_workers_normalize(seeds_dir, monkeypatch, always_parallel):
    """With forked workers and a tokenizer, prepare_corpus loads the normalization tables here while
    workers read the files, and builds its segmenter here while workers normalize (not in the
    workers, not before): the tables are the serial ones."""
    import textkit.pipeline
    from textkit.pipeline import prepare_corpus

    built: list[str] = []
    real = textkit.tokenize.warm_worker
    monkeypatch.setattr(textkit.tokenize, "warm_worker", lambda seg: (built.append("built"), real(seg)))
    tables = textkit.normalize.warm_worker
    monkeypatch.setattr(textkit.normalize, "warm_worker", lambda: (built.append("tables"), tables()))
    monkeypatch.setattr(textkit.pipeline, "warm_up_workers", lambda *a, **k: built.append("loky warm-up"))
    segmenter = Segmenter(user_lexicons=())
    parallel = prepare_corpus(seeds_dir, n_jobs=2, tokenizer=Tokenizer(segmenter, cache=NullTokenCache()))
    # the tables while the files are read (normalize_corpus asks for them again before forking: loaded)
    assert built == ["tables", "tables", "built"]
    assert _process_segmenter(segmenter)._engine is not None
    serial = prepare_corpus(seeds_dir)
    for got, expected in zip(parallel, serial, strict=True):
        assert_frame_equal(got, expected)

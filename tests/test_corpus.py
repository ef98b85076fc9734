"""Loading: every encoding decodes to the original characters, every file gets a report row."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

import textkit.corpus as corpus_module
from textkit.corpus import CorpusError, han_share, load_corpus, read_text_file

SIMPLIFIED = "树立和践行正确政绩观学习教育开展以来，各地紧扣“立党为公、为民造福”总要求。\n第二段。\n"
TRADITIONAL = "樹立和踐行正確政績觀學習教育開展以來，各地緊扣「立黨為公、為民造福」總要求。\n"


@pytest.fixture()
def mixed_folder(tmp_path: Path) -> Path:
    (tmp_path / "nested" / "deeper").mkdir(parents=True)
    (tmp_path / "gb18030.txt").write_bytes(SIMPLIFIED.encode("gb18030"))
    (tmp_path / "big5.txt").write_bytes(TRADITIONAL.encode("big5"))
    (tmp_path / "utf16.txt").write_bytes(("人民日报评论员文章。\r\n" + SIMPLIFIED).encode("utf-16"))
    (tmp_path / "nested" / "utf8bom.txt").write_bytes(b"\xef\xbb\xbf" + "主题教育\r\n走深走实".encode())
    (tmp_path / "nested" / "deeper" / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "zz_duplicate.txt").write_bytes(SIMPLIFIED.encode("utf-8"))
    return tmp_path


def test_each_encoding_decodes_to_the_original_characters(mixed_folder):
    documents, _ = load_corpus(mixed_folder)
    text = dict(zip(documents.doc_id, documents.text, strict=True))
    encoding = dict(zip(documents.doc_id, documents.encoding, strict=True))
    assert text["gb18030.txt"] == SIMPLIFIED
    assert text["big5.txt"] == TRADITIONAL
    assert text["utf16.txt"] == "人民日报评论员文章。\n" + SIMPLIFIED
    assert text["nested/utf8bom.txt"] == "主题教育\n走深走实"
    assert encoding["gb18030.txt"] == "gb18030"
    assert encoding["big5.txt"] == "big5"
    assert encoding["utf16.txt"] == "utf-16"
    assert encoding["nested/utf8bom.txt"] == "utf-8-sig"


def test_every_file_has_a_report_row_with_status_and_reason(mixed_folder):
    documents, report = load_corpus(mixed_folder)
    rows = {r.doc_id: (r.status, r.reason) for r in report.itertuples()}
    assert set(rows) == {
        "big5.txt",
        "binary.txt",
        "gb18030.txt",
        "nested/deeper/empty.txt",
        "nested/utf8bom.txt",
        "utf16.txt",
        "zz_duplicate.txt",
    }
    assert rows["nested/deeper/empty.txt"] == ("skipped", "empty file")
    assert rows["binary.txt"][0] == "skipped" and rows["binary.txt"][1].startswith("binary")
    # The UTF-8 copy has the same text as the GB18030 file, which sorts first.
    assert rows["zz_duplicate.txt"] == ("skipped", "duplicate of gb18030.txt")
    assert rows["gb18030.txt"][0] == "loaded"
    assert list(documents.doc_id) == sorted(documents.doc_id)
    assert list(report.doc_id) == sorted(report.doc_id)
    assert report.n_bytes[report.doc_id == "gb18030.txt"].item() == len(SIMPLIFIED.encode("gb18030"))


def test_documents_have_the_promised_columns(mixed_folder):
    documents, report = load_corpus(mixed_folder)
    assert {"doc_id", "path", "encoding", "sha256", "n_chars", "text"} <= set(documents.columns)
    assert list(report.columns) == ["doc_id", "status", "reason", "encoding", "n_bytes"]
    row = documents.set_index("doc_id").loc["nested/utf8bom.txt"]
    assert row.n_chars == len("主题教育\n走深走实")
    assert len(row.sha256) == 64


def test_no_han_file_is_loaded_and_flagged(tmp_path):
    (tmp_path / "a.txt").write_text("Only English text here.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(SIMPLIFIED, encoding="utf-8")
    documents, report = load_corpus(tmp_path)
    assert len(documents) == 2
    assert "no Han characters" in report.set_index("doc_id").reason["a.txt"]


def test_large_file_is_loaded_and_its_size_shown(tmp_path):
    (tmp_path / "big.txt").write_text(SIMPLIFIED * 200, encoding="utf-8")
    documents, report = load_corpus(tmp_path, large_file_bytes=10_000)
    assert len(documents) == 1
    assert "large file: 0.0" in report.reason[0] or "large file: 0.1" in report.reason[0]


def test_broken_symlink_and_unmatched_files_are_reported(tmp_path):
    (tmp_path / "ok.txt").write_text(SIMPLIFIED, encoding="utf-8")
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    _, report = load_corpus(tmp_path)
    reasons = dict(zip(report.doc_id, report.reason, strict=True))
    assert reasons["link.txt"] == "broken symbolic link"
    assert reasons["notes.docx"] == "does not match pattern '**/*.txt'"


def test_unreadable_file_is_reported_not_raised(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (tmp_path / "secret.txt").write_text(SIMPLIFIED + "x", encoding="utf-8")
    real_read_bytes = corpus_module._read_bytes

    def read_bytes(path):
        if os.path.basename(path) == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(path)

    # Tests may run as root, for whom chmod 000 does not stop a read.
    monkeypatch.setattr(corpus_module, "_read_bytes", read_bytes)
    _, report = load_corpus(tmp_path)
    assert report.set_index("doc_id").reason["secret.txt"] == "unreadable: permission denied"


def test_damaged_utf8_is_kept_with_the_damage_flagged(tmp_path):
    good = (SIMPLIFIED * 20).encode("utf-8")
    (tmp_path / "damaged.txt").write_bytes(good[:300] + b"\xff" + good[300:])
    documents, report = load_corpus(tmp_path)
    assert documents.encoding[0] == "utf-8"
    assert "replaced by U+FFFD" in report.reason[0]


def test_folder_with_no_usable_file_names_the_folder_and_each_reason(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    with pytest.raises(CorpusError) as raised:
        load_corpus(tmp_path)
    message = str(raised.value)
    assert str(tmp_path) in message
    assert "empty.txt: empty file" in message
    assert "bin.txt: binary" in message


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="corpus folder not found"):
        load_corpus(tmp_path / "nope")


def test_read_text_file_never_raises_on_a_missing_file(tmp_path):
    assert read_text_file(tmp_path / "missing.txt").problem == "unreadable: file not found"


def test_seeds_load_as_five_utf8_documents(seeds_dir):
    documents, report = load_corpus(seeds_dir)
    assert len(documents) == 5
    assert set(report.status) == {"loaded"}
    assert set(documents.encoding) == {"utf-8"}
    assert documents.han_share.between(0.6, 1).all()


def test_han_share():
    assert han_share("") == 0.0
    assert han_share("中文") == 1.0
    assert han_share("中 a") == 0.5


def test_duplicates_can_be_kept_and_flagged(mixed_folder):
    documents, report = load_corpus(mixed_folder, keep_duplicates=True)
    row = report.set_index("doc_id").loc["zz_duplicate.txt"]
    assert (row.status, row.reason) == ("loaded", "duplicate of gb18030.txt")
    assert "zz_duplicate.txt" in set(documents.doc_id)


# ---------------------------------------------------------------- hostile folders (issue 17)

TEXT = "树立和践行正确政绩观，推动高质量发展。\n".encode()


def test_files_in_a_linked_subfolder_are_loaded_and_a_loop_is_reported(tmp_path):
    corpus, elsewhere = tmp_path / "corpus", tmp_path / "elsewhere"
    corpus.mkdir()
    elsewhere.mkdir()
    (corpus / "real.txt").write_bytes(TEXT)
    (elsewhere / "a.txt").write_bytes("主题教育走深走实。\n".encode())
    (elsewhere / "b.txt").write_bytes("调查研究蔚然成风。\n".encode())
    (corpus / "sub").symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "back").symlink_to(corpus, target_is_directory=True)  # a loop
    documents, report = load_corpus(corpus)
    assert documents.doc_id.tolist() == ["real.txt", "sub/a.txt", "sub/b.txt"]
    loop = report[report.doc_id == "sub/back/"]
    assert loop.status.tolist() == ["skipped"] and "loop" in loop.reason.iloc[0]


def test_a_fifo_is_not_a_regular_file(tmp_path):
    (tmp_path / "real.txt").write_bytes(TEXT)
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe.dat")
    _, report = load_corpus(tmp_path)
    reasons = dict(zip(report.doc_id, report.reason, strict=True))
    assert reasons["pipe.txt"] == reasons["pipe.dat"] == "not a regular file (named pipe)"


def test_a_file_given_as_the_corpus_folder_says_so(tmp_path):
    (tmp_path / "one.txt").write_bytes(TEXT)
    with pytest.raises(NotADirectoryError, match=r"is a file, not a folder.*give the folder that holds it"):
        load_corpus(tmp_path / "one.txt")


def test_bidi_controls_in_a_file_name_are_shown_escaped(tmp_path):
    (tmp_path / "report\u202etxt.exe.txt").write_bytes(TEXT)
    documents, report = load_corpus(tmp_path)
    assert report.doc_id.tolist() == ["report⟨U+202E⟩txt.exe.txt"]
    assert "bidirectional" in documents.notes.iloc[0]


def test_a_file_rewritten_while_read_is_noted(tmp_path, monkeypatch):
    file = tmp_path / "growing.txt"
    file.write_bytes(TEXT)
    original = corpus_module._read_bytes

    def read_then_append(path):
        data = original(path)
        with open(path, "ab") as handle:
            handle.write(TEXT)
        return data

    monkeypatch.setattr(corpus_module, "_read_bytes", read_then_append)
    assert any("changed while being read" in flag for flag in read_text_file(file).flags)


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        ("个半小时，将当前面临的困难、机遇", "gb18030", "gb18030"),
        ("Ⅱ类标准", "gb18030", "gb18030"),
        ("樹立和踐行正確政績觀", "big5", "big5"),
        ("树立正确政绩观 2023年", "utf-16-le", "utf-16"),
        ("树立正确政绩观", "utf-16-be", "utf-16"),
    ],
)
def test_short_legacy_and_bomless_utf16_files_decode_right(tmp_path, text, codec, expected):
    (tmp_path / "short.txt").write_bytes(text.encode(codec))
    documents, _ = load_corpus(tmp_path)
    assert documents.text.iloc[0] == text
    assert documents.encoding.iloc[0] == expected


def test_random_short_gb18030_samples_decode_right(tmp_path):
    import random

    han = [c for c in SIMPLIFIED * 3 if "\u4e00" <= c <= "\u9fff"]
    rng = random.Random(0)
    samples = ["".join(rng.choice(han) for _ in range(8)) for _ in range(30)]
    decoded = [read_text_file(_write(tmp_path, i, s.encode("gb18030"))).text for i, s in enumerate(samples)]
    assert decoded == samples


def _write(folder: Path, index: int, data: bytes) -> Path:
    path = folder / f"{index}.txt"
    path.write_bytes(data)
    return path


def test_count_chars_counts_every_match_across_slices():
    import re

    from textkit._chars import HAN_RE, count_chars

    text = "政绩观 2023，主题教育\n" * 50 + "𠀀" + "　" * 7
    for chunk in (1, 3, 7, 64, 1 << 16):
        assert count_chars(HAN_RE, text, chunk=chunk) == len(HAN_RE.findall(text))
        assert count_chars(re.compile(r"\s"), text, chunk=chunk) == len(re.findall(r"\s", text))


def _han_share_by_regex(text: str) -> float:
    """han_share as it was computed before han_and_spaces: two regular expressions."""
    import re

    from textkit._chars import HAN_RE, count_chars

    visible = len(text) - count_chars(re.compile(r"\s"), text)
    return round(count_chars(HAN_RE, text) / visible, 4) if visible else 0.0


# characters at the edges of every Han range, every whitespace character, and others
_EDGES = "\u33ff\u3400\u4dbf\u4dc0\u4dff\u4e00\u9fff\ua000\uf8ff\uf900\ufaff\ufb00\U0001ffff\U00020000"
_EDGES += "\U000323af\U000323b0\U0010ffff\ud800\x00a1 。"
_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace())


@pytest.mark.parametrize("chunk", [1, 5, 4099, 1 << 20])
def test_han_and_spaces_equals_the_regular_expressions(chunk):
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from textkit._chars import HAN_RE, han_and_spaces

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.sampled_from(_EDGES + _SPACES) | st.characters(), max_size=60))
    def check(text):
        expected = (len(HAN_RE.findall(text)), len(re.findall(r"\s", text)))
        assert han_and_spaces(text, chunk=chunk) == expected
        assert han_share(text) == _han_share_by_regex(text)

    check()
    if chunk > 1000:  # each code point once, lone surrogates included
        every = "".join(map(chr, range(0x110000)))
        expected = (len(HAN_RE.findall(every)), len(re.findall(r"\s", every)))
        assert han_and_spaces(every, chunk=chunk) == expected


def test_files_are_listed_in_pathlib_order_with_their_relative_paths(tmp_path):
    # "-" sorts before "/" as a character, but pathlib compares part by part: a/ before a-b/
    names = ["a-b/c.txt", "a/b.txt", "a/B.txt", "ab.txt", "a/b/c.txt", "a/b-c.txt", "Z.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(SIMPLIFIED + name, encoding="utf-8")
    from textkit import corpus

    matched, _, _ = corpus._find_files(tmp_path, "**/*.txt")
    paths = [Path(path) for path, _ in matched]
    assert paths == sorted(tmp_path / name for name in names)
    assert [path for path, _ in matched] == [str(path) for path in paths]
    assert [relative for _, relative in matched] == [p.relative_to(tmp_path).as_posix() for p in paths]
    assert [p.relative_to(tmp_path).as_posix() for p in paths][:2] == ["Z.txt", "a/B.txt"]


def test_the_duplicate_key_is_the_texts_sha256_whatever_the_bytes(tmp_path):
    # The key is the file's own SHA-256 only when the text's UTF-8 is the file's bytes: not with
    # CRLF or CR newlines, a byte-order mark, replaced bytes or another encoding.
    from textkit._chars import text_sha256
    from textkit.corpus import _read_for_corpus

    text = "政绩观\n主题教育\n"
    files = {
        "plain": text.encode("utf-8"),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "cr": text.replace("\n", "\r").encode("utf-8"),
        "bom": codecs.BOM_UTF8 + text.encode("utf-8"),
        "gb18030": text.encode("gb18030"),
        "utf16": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "replaced": text.encode("utf-8") * 200 + b"\xff",
    }
    keys = {}
    for name, data in files.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(data)
        decoded, key, _ = _read_for_corpus(10**9, str(path), in_worker=False)
        assert key == text_sha256(decoded.text), name
        keys[name] = key
    assert len({keys[name] for name in files if name != "replaced"}) == 1
    documents, _ = load_corpus(tmp_path)
    assert list(documents.doc_id) == ["bom.txt", "replaced.txt"]

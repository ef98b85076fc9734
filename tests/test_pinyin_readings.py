"""The pinyin step's readings table kept in the cache folder (textkit.normalize._pinyin_readings)."""

from __future__ import annotations

import shutil

from textkit.normalize import _pinyin_readings as module
from textkit.normalize import strip_inline_pinyin


def _fresh_table(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    module._table.cache_clear()
    return module._table.__wrapped__  # without the per-process memo


def test_the_stored_readings_are_pypinyins_for_every_character(tmp_path, monkeypatch):
    """Built once with pypinyin, read back the same; every character of pypinyin's table has the
    readings pypinyin gives; a damaged or empty file is built again, never used."""
    from pypinyin.pinyin_dict import pinyin_dict

    build = _fresh_table(tmp_path, monkeypatch)
    first = build()
    stored = list((tmp_path / "textkit").glob("pinyin-readings-*.marshal"))
    assert len(stored) == 1 and stored[0] == module._stored_path()
    second = build()  # read back
    assert first == second and set(first) == {chr(code) for code in pinyin_dict}
    monkeypatch.setattr(module, "_table", lambda: second)
    monkeypatch.setattr(module, "_pypinyin_imported", lambda: False)  # as in a fresh process
    for char in first:
        assert module.readings(char) == module.pypinyin_readings(char), char
    assert module.readings("a") == module.pypinyin_readings("a") == frozenset()  # not in the table
    builds = []
    monkeypatch.setattr(module, "_build_table", lambda: builds.append(1) or dict(first))
    assert build() == first and not builds
    blob = bytearray(stored[0].read_bytes())
    blob[-5] ^= 1
    stored[0].write_bytes(bytes(blob))
    assert module._read_table(stored[0]) is None
    assert build() == first and module._read_table(stored[0]) == first and len(builds) == 1
    stored[0].write_bytes(b"")
    assert build() == first and len(builds) == 2


def test_the_readings_table_key_covers_every_input(tmp_path, monkeypatch):
    """A changed byte in any pypinyin file, in this module's code or in a PYPINYIN_ variable gives
    another file name: a table of other inputs is never read."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    root, files = module._pypinyin_files()
    copy = tmp_path / "pypinyin"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("__pycache__"))
    copied = sorted((path for path in copy.rglob("*") if path.is_file()), key=lambda path: path.as_posix())
    monkeypatch.setattr(module, "_pypinyin_files", lambda: (copy, copied))
    base = module._stored_path()
    names = [path.relative_to(copy).as_posix() for path in copied]
    assert names == [path.relative_to(root).as_posix() for path in files]
    assert "pinyin_dict.json" in names and "phrases_dict.json" in names
    assert base == module._stored_path()  # the same inputs, the same name
    table = copy / "pinyin_dict.json"
    data = bytearray(table.read_bytes())
    data[-3] ^= 1
    table.write_bytes(bytes(data))
    changed_table = module._stored_path()
    assert changed_table != base
    table.write_bytes(bytes(data[:-3]) + bytes([data[-3] ^ 1]) + bytes(data[-2:]))
    assert module._stored_path() == base
    monkeypatch.setenv("PYPINYIN_NO_PHRASES", "true")
    assert module._stored_path() not in (base, changed_table)
    monkeypatch.delenv("PYPINYIN_NO_PHRASES")
    entries = [("pinyin_dict.json", b"{}")]
    assert module._table_key(entries, b"code", {}) != module._table_key(entries, b"code!", {})


def test_inline_pinyin_is_stripped_the_same_with_the_stored_table(tmp_path, monkeypatch):
    from textkit.normalize import steps

    stored = _fresh_table(tmp_path, monkeypatch)()
    text = (
        "習(xí)近平(jìn píng)總書記、領(lǐng)導(dǎo)(dao3)與中(zhong)(zhong)国、"
        "行(xíng)(háng)、乐(yuè)(lè)(yào)"
    )
    steps._readings.cache_clear()
    live = strip_inline_pinyin(text)
    monkeypatch.setattr(module, "_table", lambda: stored)
    monkeypatch.setattr(module, "_pypinyin_imported", lambda: False)
    steps._readings.cache_clear()
    try:
        assert strip_inline_pinyin(text) == live
    finally:
        steps._readings.cache_clear()
    assert live.startswith("習近平(jìn píng)總書記、領導與中国、行") and "(xí)" not in live

"""Dates of an article: the publication date from its path (a ``YYYYMMDD`` file or folder
name), a source line or its dateline, and the dateline's filing date with the right year.
Used by ``textkit.articles``.
"""

from __future__ import annotations

import re

__all__ = ["resolve_date"]

# A publication date in a path: a file or folder name that is, or starts with, YYYYMMDD or
# YYYY-MM-DD (20230701/20230701-04-01.txt). Inside a name (a hash such as 7a20190312b) it is not one.
_FILE_DATE = re.compile(
    r"(?:^|[/\\_\-.\s])(?P<year>20\d{2}|19\d{2})(?P<sep>-?)(?P<month>0[1-9]|1[0-2])(?P=sep)"
    r"(?P<day>0[1-9]|[12]\d|3[01])(?![0-9A-Za-z])"
)


def _file_date(doc_id: str) -> tuple[str, str, str] | None:
    """The last ``YYYYMMDD`` (or ``YYYY-MM-DD``) file or folder name of a path, if any.

    >>> _file_date("20230701/20230701-04-01.txt"), _file_date("001_7a3518fcc7676a19.txt")
    (('2023', '07', '01'), None)
    """
    matches = list(_FILE_DATE.finditer(str(doc_id)))
    if not matches:
        return None
    match = matches[-1]
    return match["year"], match["month"], match["day"]


def _dateline_date(meta: dict[str, str], from_file: tuple[str, str, str] | None) -> str:
    """The filing date of the dateline (10月19日电), with the year of the publication date.

    A dateline later in the year than the paper it is printed in was filed the year before
    (12月31日电 in a paper of 2 January).
    """
    dateline = meta.get("dateline", "")
    if not dateline:
        return ""
    year = from_file[0] if from_file else meta.get("date", "")[:4]
    if not re.fullmatch(r"\d{4}", year):
        return dateline
    published = from_file[1:] if from_file else tuple(meta["date"][5:].split("-"))
    if (dateline[2:4], dateline[5:7]) > tuple(published):
        year = str(int(year) - 1)
    return year + dateline[1:]


def resolve_date(meta: dict[str, str], doc_id: str) -> tuple[str, str]:
    """``(date, dateline_date)``: the publication date and the dateline's filing date.

    The publication date is a ``YYYYMMDD`` file or folder name of the path, else the date of a
    source line (《学习时报》（20251103日第03版）), else the dateline's date with the year where
    one is known (``--MM-DD`` where not); empty when the text and path give none.
    """
    from_file = _file_date(doc_id)
    dateline = _dateline_date(meta, from_file)
    if from_file:
        return "-".join(from_file), dateline
    if meta.get("date"):
        return meta["date"], dateline
    return dateline, dateline

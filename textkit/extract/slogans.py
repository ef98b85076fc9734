"""Stage 6 — extract, formulations: two signs around a quote that tell a slogan from speech, for
``textkit.extract.formulations``. The words are role ``banner`` and ``not_modal`` of
``data/quote_namers.tsv``.

- a banner or slogan named by the noun before it is a formulation whatever its clauses
  (拉起横幅“驰重庆，扑山火，云南人民有情有义！”: ``banner_slogan``);
- a quote opening with the modal 要 is a directive or a wish someone voiced (强调“要养成俭朴之风”),
  not a name (``directive``).

>>> banner_slogan("拉起横幅“驰重庆，扑山火，云南人民有情有义！”", 5, 21, 40)
'驰重庆，扑山火，云南人民有情有义'
>>> directive("要养成俭朴之风"), directive("要素跟着项目走")
(True, False)
"""

from __future__ import annotations

import re
from functools import cache

from textkit.datafiles import read_tsv
from textkit.extract._common import _CLAUSE_MARKS
from textkit.extract.quotes import formulation_key

# The marks a banner's clauses may be joined by (and its final mark, dropped).
_BANNER_MARKS = frozenset("，、！。!")
_BANNER_ENDS = ("！", "。", "!")


@cache
def _words(role: str) -> tuple[str, ...]:
    return tuple(row["word"] for row in read_tsv("quote_namers.tsv") if row["role"] == role)


def banner_slogan(text: str, start: int, end: int, max_chars: int) -> str:
    """The slogan a quote ``text[start:end]`` (its content, marks excluded) names when a noun of
    role ``banner`` stands right before its opening mark, or ``""``.

    The content may have ， 、 ！ 。 between its clauses but not ： ； ？ (a dialogue), and at most
    ``max_chars`` characters; its final ！ or 。 is dropped, as a couplet's 。 is. On the build
    files of rmrb-2023-07-08 this adds one quote (高喊口号“太平洋是我们的家！拒绝核污染！”), the
    quotes after these nouns otherwise passing as phrases already.

    >>> banner_slogan("他说“驰重庆，扑山火，云南人民有情有义！”", 3, 19, 40)
    ''
    """
    if not text.endswith(_words("banner"), 0, start - 1):
        return ""
    content = text[start:end]
    body = content[:-1] if content.endswith(_BANNER_ENDS) else content
    if not body or not _CLAUSE_MARKS.intersection(body) <= _BANNER_MARKS:
        return ""
    return body if 2 <= len(formulation_key(body)) <= max_chars else ""


def directive(key: str) -> bool:
    """Whether a quoted phrase opens with the modal 要: a directive or wish someone voiced (强调“要
    养成俭朴之风”, 指出“要及时科学解答时代新课题”, “要像哥哥一样在赛场上拿冠军”), not a name,
    unless it opens with a word of role ``not_modal`` (要素, 要我: “要我学”为“我要学”) or is a
    slogan of equally long parts (要想富，先修路). On the build files of rmrb-2023-07-08 this
    drops 27 quotes, all speech (tools/extract_precision_h.txt).

    >>> directive("要想富，先修路"), directive("要我创新"), directive("要及时科学解答时代新课题")
    (False, False, True)
    """
    if not key.startswith("要") or key.startswith(_words("not_modal")):
        return False
    parts = re.split("[，、]", key)
    return not (len(parts) > 1 and len({len(part) for part in parts}) == 1)

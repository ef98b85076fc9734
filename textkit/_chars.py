"""Infrastructure (no stage): character classes shared by the stages.

``HAN`` is the body of a regex character class: CJK unified ideographs, extension A, the
compatibility ideographs and extensions B–H (the supplementary planes, where rare names
live). ``HAN_RE`` matches one such character.
"""

from __future__ import annotations

import re

__all__ = ["HAN", "HAN_RE"]

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
HAN_RE = re.compile(f"[{HAN}]")

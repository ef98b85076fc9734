"""What stands around a place name in the text: the context patterns ``PlaceMatcher`` reads.

Moved out of ``textkit.extract.places`` as they are (the module had passed the house's 700 lines):
each pattern's comment names the mentions it decides and why.
"""

from __future__ import annotations

import re
from functools import cache

from textkit._jieba_dict import dictionary_frequencies

# A short name followed by one of these is a town, street, river or building (福田镇, 中山路);
# below the province level also a mountain (天山山脉, 小兴安岭), while 浙江山区 is still 浙江.
# A province's short name before 江 is not (_province_before_jiang: 安徽江淮汽车).
_NOT_AFTER_SHORT = frozenset("镇乡村路街巷河湖江岛湾桥站寺楼店门")
_NOT_AFTER_LOCAL_SHORT = _NOT_AFTER_SHORT | frozenset("山岭泊")
# A short name that is also a river's (牡丹江, 綦江, 太子河, 黑龙江) followed by a word of the river
# (its banks, water level, reaches, gorge) names the river, not the division: 牡丹江水位快速上涨,
# 小凌河畔, 黑龙江中游, 怒江大峡谷. 两岸 is left out: 浙江两岸融合发展 is cross-strait.
_RIVER_NAME = re.compile(r"[江河川溪湖]$")
# A numbered flood is named after its river (the Ministry of Water Resources' 綦江2023年第1号洪水).
_RIVER_AFTER = re.compile(
    r"畔|水位|沿岸|岸边|[上中下]游|干流|支流|流域|水系|大?峡谷|蜿蜒|(?:\d{4}年)?第[\d一二三四五六七八九十]{1,3}号洪水"
)
# Below the province level also a waterway word after the name, an item of a list of rivers, or a
# boat crossing or a river's branch before it (右江千吨级黄金水道, 唐河、沙河等河道, 泛舟锦江, 南支沙河):
# Not for provinces, whose waterways are their own (浙江航道建设 is Zhejiang's shipping lanes).
_RIVER_AFTER_LOCAL = re.compile(
    r"(?:[千万]吨级)?(?:黄金)?(?:水道|航道)|(?:、[\u4e00-\u9fff]{1,5})*等(?:河道|河流|江河)"
)
_RIVER_BEFORE_LOCAL = re.compile(r"(?:泛舟|横渡|[东南西北]支)$")
# The same for a mountain's name (黄山, 泰山, 武夷山): 黄山脚下, 泰山巍然矗立, 武夷山国家公园 (set J:
# 武夷山 the mountain is not 武夷山市), and 黄山峰, a person named after the mountain.
_MOUNTAIN_NAME = re.compile(r"山$")
_MOUNTAIN_AFTER = re.compile(r"脚下|巍然|国家公园|主?峰|山麓|之巅")
# A county-level short name + a direction + a water or landform word names a feature after the
# place, not the county: 庐山西海 (a lake), 某某东湖, 某某北山.
_FEATURE_AFTER = re.compile(r"[东西南北][海湖山江河岛湾岭]")
# A county-level short name followed by 社区 or 小区 (or 新城社区) names a neighbourhood after a place
# or a word, seldom in that county: 台州天台县龙湾小区 (not Wenzhou's 龙湾区), 新建小区 (newly built),
# 大海阳社区 in Yantai, 东湖新城社区 in Wuhan. Prefecture names keep it: 济南社区干部, 杭州社区.
_NEIGHBOURHOOD_AFTER = re.compile(r"(?:新城)?(?:社区|小区)")
# 大 or 小 right before a county-level short name makes another name (大雁塔, 小凌河 the river, 大海阳
# 社区), unless it ends a word with the character before it (扩大文昌排球, 加大清徐醋文化).
_GREAT_SMALL = frozenset("大小")
# A list of places closed by 等地 or a count of places (厦门、新会等地; 北京保定两地): every item is a
# place, so a county-level short name in it needs no context when it names one county only.
_PLACE_LIST_END = re.compile(r"等地|[两二三四五六七八九十]地")
# 本报北京7月3日电, 新华社兰州3月24日电: the place a report was filed from, not its subject.
_DATELINE_AFTER = re.compile(r"\s?\d{1,2}月\d{1,2}日电")
# A role, then a name, then a verb of saying within two characters is a person who speaks
# (监委主任沈阳红认为, 旗委书记兴安介绍); the role's 长 may be the name's first character
# (外长沙伦赛表示: 外长 + 沙伦赛). A place after a role is rare: the place comes first (杭州市长).
_ROLE_BEFORE = re.compile(
    r"(?:书记|主任|局长|处长|科长|部长|厅长|院长|校长|所长|站长|馆长|经理|董事长|总裁|主席|会长|"
    r"队长|组长|社长|教授|研究员|工程师|负责人|外长|总理|总统|大使|首相|市长|县长|省长|镇长|村长|"
    r"行长|团长|理事长|秘书长)$"
)
# Between the role and the name may stand the person's surname (站长黄江南介绍, 主任陈金山介绍: the
# given name is a place's short name); not a preposition, which puts a place there (局长在通州说).
_NOT_SURNAME = frozenset("在到赴从向于与和对为同跟把被给让")
# The role's person also when a transliterated name's middle dot follows (秘书长沙希德·萨塔尔).
_SAYING_AFTER = re.compile(
    r"[\u4e00-\u9fff]{0,2}?(?:说|认为|表示|介绍|告诉|坦言|指出)|[\u4e00-\u9fff]{0,3}[·•・]"
)
# ·坎西安, ·普拉萨德: a name one or two characters after the middle dot of a transliterated
# foreign name, with more of the name after it, is part of that name (中国·哈尔滨之夏, 醉美·夜郑州”
# are places: the name starts at the dot or ends its run).
_TRANSLITERATED_BEFORE = re.compile(r"[·•・][\u4e00-\u9fff]{1,2}$")
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")
# A short name + one of these that is a word of jieba's dictionary names a mountain, lake or river
# (贺兰山, 青海湖, 钱塘江): a place name starting with that character is read across the word.
_FEATURE_CHARS = frozenset("山湖江河")
# A county-level short name may close a longer word that begins up to this many characters before
# it (长江源, 黄河口, 夜未央, 蓝天白云, 坚如磐石): see ``PlaceMatcher._ends_word``.
_WORD_BEFORE = 3
# A full name ending in one of these words (海城市, 运城市, 兴山区, 宽城区) whose first character closes
# a word with the character before is read as that word + the common noun for a kind of place:
# 滨海城市, 沿海城市, 地中海城市 (coastal cities), 北京奥运城市, 适应城市, 振兴山区, 放宽城区.
_SUFFIX_NOUNS = frozenset({"城市", "城区", "山区"})


@cache
def _long_words() -> frozenset[str]:
    """Words of three or more characters in jieba's default dictionary (frequency above 0, so not
    the prefixes jieba keeps with frequency 0)."""
    frequencies, _ = dictionary_frequencies()
    return frozenset(word for word, n in frequencies.items() if len(word) >= 3 and n > 0)

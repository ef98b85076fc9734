"""Extraction mechanisms fixed from the misses of held-out set I (tests/data/heldout_rmrb_i.json,
opened to this round's builders once set J existed), each on the real line of the set's article and
on lines of the same shape from the build files of rmrb-2023-07-08 (readings:
tools/extract_precision_i.txt)."""

from __future__ import annotations

from extract_helpers import claims, keys


def test_a_topic_that_dui_zuochu_frames_is_a_name():
    # 20230703/20230703-09-01.txt (set I): two tasks of the report, the first with a comma and
    # unequal parts, the second a list of unequal parts, both longer than a phrase
    line = (
        "习近平总书记在党的二十大报告中对“健全共建共治共享的社会治理制度，提升社会治理效能”"
        "“建设人人有责、人人尽责、人人享有的社会治理共同体”作出重要部署。"
    )
    assert keys(line) == [
        "健全共建共治共享的社会治理制度，提升社会治理效能",
        "建设人人有责、人人尽责、人人享有的社会治理共同体",
    ]
    # build files 20230815-09-04 and 20230819-01-04
    found = keys("党的二十大对“推动绿色发展，促进人与自然和谐共生”作出战略部署")
    assert found == ["推动绿色发展，促进人与自然和谐共生"]
    assert keys("中共二十大对“完善人民政协民主监督和委员联系界别群众制度机制”作出重要部署") == [
        "完善人民政协民主监督和委员联系界别群众制度机制"
    ]
    # without 对 … 作出 the same quote is speech
    assert keys("他说“推动绿色发展，促进人与自然和谐共生”，大家都赞成") == []


def test_a_run_of_quotes_a_verb_of_saying_introduces_is_speech_when_it_holds_a_sentence():
    # 20230703/20230703-09-01.txt (set I): the 26-character third quote is a sentence, so the run
    # quotes a speech; every quote of it is said
    line = (
        "习近平总书记在党的二十大报告中强调：“坚持大抓基层的鲜明导向”“推进以党建引领基层治理”"
        "“把基层党组织建设成为有效实现党的领导的坚强战斗堡垒”“拓宽基层各类群体有序参与基层治理渠道”。"
    )
    assert keys(line) == []
    # build file 20230807-01-02: a directive's clauses; 20230725-09-01: Xi's statements
    line = "要求“全力搜救失联、被困人员”“妥善安置受灾群众”“全力保障人民群众生命财产安全和社会大局稳定”。"
    assert keys(line) == []
    # a run of names without a sentence stays (强调“两个确立”“四个意识”), and so does a slogan of
    # equal parts, a numbered formulation or a quote after one ending in 。 (the writer's own sentence)
    assert keys("强调：“两个确立”“四个意识”。") == ["两个确立", "四个意识"]
    line = (
        "习近平总书记指出：“人才是第一资源”“国家发展靠人才，民族振兴靠人才”“坚持党对人才工作的全面领导”"
        "“全面贯彻新时代人才工作新理念新战略新举措”“深入实施新时代人才强国战略，全方位培养、引进、用好人才，"
        "加快建设世界重要人才中心和创新高地”"
    )
    assert keys(line) == ["国家发展靠人才，民族振兴靠人才"]
    line = (
        "总书记指出：“大道不孤，天下一家。经历了一年来的风雨，我们比任何时候都更加深切体会到人类命运共同体的意义。”"
        "“天下一家”是中华优秀传统文化中天下观的重要内容"
    )
    assert keys(line) == ["天下一家"]


def test_a_four_character_couplet_in_a_run_of_speech_is_a_saying():
    # 20230703/20230703-09-01.txt (set I): the saying, then Xi's statement in the same run
    line = (
        "习近平总书记强调：“基础不牢，地动山摇”“只有把基层党组织建设强、把基层政权巩固好，"
        "中国特色社会主义的根基才能稳固。”"
    )
    assert keys(line) == ["基础不牢，地动山摇"]
    # build file 20230814-09-02: a saying among classical quotations
    line = "中国古人讲，“天下非一人之天下也，天下之天下也”“四海之内，皆兄弟也”，认为"
    assert "四海之内，皆兄弟也" in keys(line)
    # three four-character clauses in such a run are still speech
    line = "他们说：“信心满满，干劲十足，底气更足”“民营经济发展环境会越来越好，发展空间会越来越大”"
    assert keys(line) == []


def test_a_quote_ending_its_clause_after_a_verb_of_saying_and_its_mark_is_speech():
    # 20230814/20230814-15-06.txt (set I): 11 characters, after 表示，
    line = "联合国也门人道主义事务协调员格雷斯利在声明中表示，“今天是一个重要的里程碑”。他说"
    assert keys(line) == []
    # build file 20230731-09-04; the report's short phrases and sayings so quoted stay names
    assert keys("习近平总书记指出：“中华文明具有突出的统一性”。") == []
    assert keys("党的二十大报告提出：“加快建设制造强国”。") == ["加快建设制造强国"]
    assert keys("非洲谚语说，“独行快，众行远”。") == ["独行快，众行远"]
    # a quote that goes on into the sentence is a name (build file 20230723-04-07)
    assert keys("公司负责人文平说，“公司+合作社+种植户”模式带动了") == ["公司+合作社+种植户"]


def test_a_quote_ending_its_clause_after_a_verb_of_exclaiming_is_speech():
    # 20230825/20230825-18-02.txt (set I)
    line = "周边养殖户来厂里参观，看到一个个先进的监控设备，都感慨“真带劲”。"
    assert keys(line) == []
    # build file 20230804-01-01; a name after such a verb goes on into the sentence (20230818-20-01)
    assert keys("凝望“实事求是”匾额，感叹“一定要把真理本土化”；来到九曲") == ["实事求是"]
    assert keys("互联网刚兴起时出版界感叹“读图时代”的到来") == ["读图时代"]


def test_a_name_with_its_subtitle_after_a_dash_is_a_name():
    # 20230718/20230718-12-01.txt (set I): 23 characters without clause marks
    line = "就源自2010年展出的“丹青艺事越千年——天津博物馆藏宋元明清绘画精品展”。每个课程的“博物馆在线”都附"
    assert keys(line) == ["丹青艺事越千年——天津博物馆藏宋元明清绘画精品展", "博物馆在线"]
    # build file 20230811-02-02
    assert keys("由国家文物局指导的“中华文明起源与早期发展——考古中国重大项目研究成果展”不久前亮相") == [
        "中华文明起源与早期发展——考古中国重大项目研究成果展"
    ]
    # a part over 20 characters, or a sentence around the dash, is not such a name
    line = "美国枪支制造商“找到了一个热切的盟友——美国联邦政府助长速射枪支的国际销售量达到创纪录水平”。"
    assert keys(line) == []
    assert keys("“书店是一座城市的眉毛——眉毛看似不重要，但若缺了它，五官再精致，看着也乏味。”江澄波说") == []


def test_jie_counts_editions_and_cohorts_but_not_a_graduating_year():
    # 20230806/20230806-05-02.txt (set I)
    line = "“成都大学校园排球赛办了36届，很多同学从看排球到打排球，感受到这项运动的快乐。”"
    assert [(v, u) for _, v, u in claims(line)] == [(36.0, "届")]
    # build files 20230725-11-06 and 20230816-07-02: editions, and cohorts of graduates
    assert [v for _, v, _ in claims("连续成功举办了14届‘山阳梨花节’、8届‘大梨采摘节’")] == [14.0, 8.0]
    found = [(v, u) for _, v, u in claims("该校养老专业已有10届940余名毕业生")]
    assert found == [(10.0, "届"), (940.0, "名")]
    # a graduating year (also in a range), an ordinal and Chinese numerals are not counts
    assert claims("2023届高校毕业生，2020—2022届签约就业的毕业生") == []
    assert claims("第36届大运会，党的十九届六中全会") == []


def test_units_in_latin_letters_and_computing_power_in_p():
    # 20230725/20230725-10-01.txt (set I): P is PFLOPS after 算力
    line = "武汉计算中心算力总规模达到200P，相当于10万台高性能计算机的算力之和。"
    assert [(v, u) for _, v, u in claims(line)] == [(200.0, "P"), (100_000.0, "台")]
    assert [(v, u) for _, v, u in claims("首期算力达到50P。未来")] == [(50.0, "P")]
    # build files: bytes, bits per second, PFLOPS (20230803-12-04, 20230728-07-01, 20230802-01-04)
    assert [(v, u) for _, v, u in claims("和42TB数字版本正式入藏")] == [(42.0, "TB")]
    assert [(v, u) for _, v, u in claims("超过1000EB（相当于1万亿GB）")] == [(1000.0, "EB"), (1e12, "GB")]
    assert [(v, u) for _, v, u in claims("6G光子太赫兹100Gbps实时无线传输")] == [(100.0, "Gbps")]
    # P without 算力 (a resolution), a letter run on (5G, 3.0T, 4E级) and a model (歼—7GB) are not
    assert claims("4320P超高清影视动画") == [] and claims("5G网络，3.0T高场磁共振，4E级国际机场") == []
    assert claims("先后装备过歼—5、歼—7EB、歼—7GB和歼—10") == []

"""Real-language film-club text in legacy encodings and BOM-less UTF-16, for decoding tests."""

from __future__ import annotations

RUSSIAN = (
    "Вчера мы смотрели фильм 'Она' Спайка Джонза. Теодор пишет чужие письма и влюбляется "
    "в операционную систему по имени Саманта.\n\n"
    "Вопрос для обсуждения: может ли любовь к программе быть настоящей? Почему финал "
    "кажется одновременно грустным и светлым?\n"
)
UKRAINIAN = (
    "Сьогодні клуб обговорює фільм про самотність у великому місті. Герой шукає близькості, "
    "але боїться справжніх розмов.\n\nЧи змінився він наприкінці історії?\n"
)
GREEK = (
    "Χθες βράδυ η λέσχη είδε την ταινία «Εκείνη». Ο Θίοντορ γράφει γράμματα για άλλους "
    "ανθρώπους και ερωτεύεται ένα λειτουργικό σύστημα.\n\n"
    "Ερώτηση: μπορεί η αγάπη για ένα πρόγραμμα να είναι αληθινή; Γιατί το τέλος μοιάζει "
    "τόσο ήσυχο;\n"
)
JAPANESE = (
    "昨日、映画クラブでスパイク・ジョーンズ監督の『her/世界でひとつの彼女』を観ました。"
    "セオドアは他人の手紙を代筆する仕事をしていて、人工知能のサマンサに恋をします。\n\n"
    "話し合いたい質問：プログラムへの愛は本物だと言えるでしょうか。"
    "なぜ最後の場面はこんなに静かなのでしょうか。\n"
)
CHINESE_SIMPLIFIED = (
    "昨天我们电影俱乐部看了斯派克琼斯导演的《她》。西奥多的工作是替别人写信，"
    "他爱上了一个名叫萨曼莎的操作系统。\n\n"
    "讨论问题：对一个程序的爱能算是真正的爱吗？为什么结局既悲伤又温暖？\n"
)
CHINESE_TRADITIONAL = (
    "昨天我們電影俱樂部看了史派克瓊斯導演的《雲端情人》。西奧多的工作是替別人寫信，"
    "他愛上了一個名叫莎曼珊的作業系統。\n\n"
    "討論問題：對一個程式的愛能算是真正的愛嗎？為什麼結局既悲傷又溫暖？\n"
)
KOREAN = (
    "어제 영화 모임에서 스파이크 존즈 감독의 영화 그녀를 보았습니다. 테오도르는 다른 사람의 "
    "편지를 대신 써 주는 일을 하고, 사만다라는 운영체제와 사랑에 빠집니다.\n\n"
    "토론 질문: 프로그램을 향한 사랑도 진짜 사랑이라고 할 수 있을까요? 왜 마지막 장면은 "
    "그렇게 조용할까요?\n"
)

# (label, text, encoding): the legacy encodings people still save text in.
LEGACY: tuple[tuple[str, str, str], ...] = (
    ("ru-cp1251", RUSSIAN, "cp1251"),
    ("ru-koi8-r", RUSSIAN, "koi8-r"),
    ("ru-cp866", RUSSIAN, "cp866"),
    ("ru-iso-8859-5", RUSSIAN, "iso-8859-5"),
    ("uk-cp1251", UKRAINIAN, "cp1251"),
    ("uk-koi8-u", UKRAINIAN, "koi8-u"),
    ("el-iso-8859-7", GREEK, "iso-8859-7"),
    ("el-cp1253", GREEK, "cp1253"),
    ("ja-shift_jis", JAPANESE, "shift_jis"),
    ("ja-euc-jp", JAPANESE, "euc-jp"),
    ("ja-iso-2022-jp", JAPANESE, "iso-2022-jp"),
    ("zh-gb2312", CHINESE_SIMPLIFIED, "gb2312"),
    ("zh-gbk", CHINESE_SIMPLIFIED, "gbk"),
    ("zh-gb18030", CHINESE_SIMPLIFIED, "gb18030"),
    ("zh-big5", CHINESE_TRADITIONAL, "big5"),
    ("ko-euc-kr", KOREAN, "euc-kr"),
    ("ko-cp949", KOREAN, "cp949"),
)

# BOM-less UTF-16 in both byte orders.
UTF16: tuple[tuple[str, str, str], ...] = tuple(
    (f"{lang}-{enc}", text, enc)
    for lang, text in (
        ("ru", RUSSIAN),
        ("el", GREEK),
        ("ja", JAPANESE),
        ("zh", CHINESE_SIMPLIFIED),
        ("ko", KOREAN),
    )
    for enc in ("utf-16-le", "utf-16-be")
)

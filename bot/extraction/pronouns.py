"""Pronouns that tell who a text speaks as and to: the reader ("you"), the writer ("I", "we")."""

from __future__ import annotations

import re

# Put to someone: "you" in English, French, Spanish, Portuguese, Italian, German, Dutch,
# Norwegian/Danish, Turkish and Russian; Turkish also as the verb's ending ("istiyorsun": you
# want). Words that are other words in English match in lower case only ("sen", not "Sen.").
YOU = re.compile(
    r"\b(?:you|your|yours|yourself|yourselves|vous|votre|vos|tu|toi|ton|ta|tes|usted|ustedes|"
    r"você|vocês|voi|du|dich|dir|euch|ihr|jij|jou|jouw|jullie|deg|dere|"
    r"(?-i:sen|seni|sana|senin|siz|sizi|sizin)|ты|тебя|тебе|вы|вас|вам|ваш\w*|тво\w*|"
    r"\w+(?:yor|acak|ecek|abilir|ebilir|malı|meli|mış|miş)(?:sun|sın|sin|sün)(?:uz|ız|iz|üz)?)\b",
    re.I,
)
# The writer or speaker in English ("I'm", "we've" match at their "I" and "we").
FIRST_PERSON = re.compile(r"\b(?:I|me|my|we|our|us)\b")
# … in French, Spanish, Italian, German, Portuguese, Dutch, Polish and Russian.
FIRST_PERSON_OTHER = re.compile(
    r"\b(?:je|j['’]|moi|mon|mes|nous|notre|yo|nosotros|io|ich|mich|mir|mein\w*|wir|uns|eu|meu|"
    r"minha|nós|nosso\w*|ik|mij|mijn|wij|ons|onze|ja|mnie|mój|moja|nasz\w*|я|меня|мне|мной|"
    r"мо[йяеёи]|мы|нас|нам|наш\w*)(?!\w)",
    re.I,
)
# The writer alone ("Am I to infer…?": the author asking about their own mind).
I_SELF = re.compile(r"\b(?:I|me|my|myself)\b")
# Asked as "we", the subject ("should we see things as Shaw does?"), not "us" as the object
# ("Does he seek to drive us to…?" is the author's question about someone else).
WE_ASK = re.compile(r"\b(?:we|nous)\b", re.I)
# Any of I, we or you, in English, French, Spanish, Portuguese, Italian, German, Dutch,
# Norwegian/Danish/Swedish and Turkish: a text that speaks as someone or to someone. Words
# that are other words in English match in lower case only ("ben", not "Ben").
PERSONAL = re.compile(
    r"\b(?:I|I['’](?:m|ve|d|ll)|me|my|we|we['’](?:re|ve|d|ll)|us|our|you|your|"
    r"je|j['’]|nous|notre|vous|votre|"
    r"yo|nosotros|eu|nós|você|vocês|io|noi|voi|ich|wir|uns|du|euch|"
    r"ik|wij|jij|jullie|jeg|jag|oss|deg|dere|beni|bana|benim|bizi|bize|bizim|seni|sana|senin|"
    r"sizi|sizin|(?-i:ben|sen|siz|meg|mig|vi))(?!\w)",
    re.I,
)


_CONTRACTED = re.compile(r"['’](?:ll|ve|re|d|m)$")


def uncontracted(word: str) -> str:
    """A word without its contraction, in lower case: "They’ll" is "they", "I’m" is "i"."""
    return _CONTRACTED.sub("", word.lower())

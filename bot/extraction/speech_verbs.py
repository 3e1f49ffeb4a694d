"""Verbs that attribute a quotation to its speaker, by language (regular-expression alternations)."""

from __future__ import annotations

# English verbs of saying.
ENGLISH = (
    r"said|says|say|saying|told|tells|tell|telling|wrote|writes|writing|added|adds|adding|"
    r"explained|explains|explaining|tweeted|tweets|tweeting|asked|asks|asking|replied|replies|"
    r"replying|stated|states|noted|notes|noting|declared|declares|exclaimed|exclaims|concluded|"
    r"concludes|concluding|recalled|recalls|recalling|insisted|insists|argued|argues|admitted|"
    r"admits|continued|continues|joked|jokes|quipped|quips|remarked|remarks|observed|observes|"
    r"commented|comments|announced|announces|answered|answers|responded|responds|shouted|"
    r"whispered|cried|muttered|mused|muses|musing|laughed|sighed|screamed|yelled|warned|warns|claimed|claims|"
    r"suggested|suggests|describes|described|describing|refers|referred|referring|calls|called|"
    r"puts it|put it|according to|believes|believed|posted|wrote in|confessed|confesses|"
    r"promised|boasted|predicted|reflected|reflects|conceded|concedes|acknowledged|"
    r"acknowledges|emphasized|emphasised|stressed|pointed out|points out|proclaimed|proclaims|"
    r"enthuses|enthused|gushes|gushed|deadpans|deadpanned|retorts|retorted|counters|countered|"
    r"protests|protested|murmurs|murmured|confides|confided|recounts|recounted|cautions|"
    r"cautioned|assures|assured|elaborates|elaborated|penned|pens|blasted|blasts|raged|rages|"
    r"fumed|fumes|slammed|slams|hit out|hits out|lashed out|lashes out|captioned|captions|"
    r"messaged|texted|urged|urges|vowed|vows|demanded|demands|claiming|stating|declaring|"
    r"insisting|arguing|joking|remarking|commenting|announcing|warning|responding|answering|"
    r"sings|sang|chants|chanted|recites|recited|raps|rapped|contends|contended|maintains|"
    r"maintained|complains|complained|drawls|drawled|explained|marvels|marveled|marvelled|"
    # a line spoken in a scene ("“…,” she snaps at her husband", "whispers Kitty")
    r"snaps|snapped|barks|barked|growls|growled|hisses|hissed|snarls|snarled|roars|roared|"
    r"shouts|whispers|mutters|screams|yells|cries|sobs|sobbed|wails|wailed|pleads|pleaded|"
    r"begs|begged|interjects|interjected|repeats|repeated|mumbles|mumbled|stammers|stammered|"
    r"spoke of|spoke about|speaks of|speaks about|talked about|talks about|"
    # a thought put in words ("I was thinking, “Damn it, U2…”", "she wondered: “…”")
    r"thought|thinking|wondered|wondering|"
    # a verdict in the speaker's own words ("dismissed it as “…”", "hailed the film as “…”")
    r"dismissed|dismisses|hailed|hails|derided|derides|dubbed|dubs|branded|brands|labelled|"
    r"labeled|labels|praised|praises|panned|pans|summed up|sums up|"
    # the speaker after the phrase, like "according to": "In the words of Roger Ebert, “…”"
    r"in the words of|to quote"
)
# Phrases that name the speaker after them ("according to Ebert, “…”", "to quote Kael, …")
NAMED_AFTER = ("according to", "in the words of", "to quote")
# Gestures that stand for the verb only after the quotation ("“…,” he shrugs"): before one,
# "he remembered “the smell of cigars”" is no attribution.
GESTURES = (
    r"muses|laughs|sighs|shrugs|shrugged|grins|grinned|smiles|smiled|chuckles|chuckled|"
    r"remembers|remembered|beams|beamed|winks|winked|agrees|agreed|offers|offered|teases|"
    r"teased|marvels|marvelled|marveled|nods|nodded|reveals|revealed"
)
# French ("», a déclaré Luc Besson", "», explique-t-il", "Agnès Varda raconte : «")
FRENCH = (
    r"déclare|déclaré|explique|expliqué|ajoute|ajouté|raconte|raconté|confie|confié|souligne|"
    r"souligné|précise|précisé|affirme|affirmé|estime|estimé|poursuit|dit|répond|répondu|"
    r"résume|résumé|reconnaît|rappelle|rappelé|indique|indiqué|s['’]exclame|conclut|assure|"
    r"avoue|avoué|confirme|confirmé|insiste|témoigne|glisse|glissé|s['’]amuse|lâche|lâché"
)
# Spanish, Portuguese and Italian leave the subject out ("», comparó.", "», disse.") and put it
# after the verb ("», dijo Lawrence.", "», ha detto Sorrentino."): third person forms.
SPANISH = (
    r"dijo|dice|dijeron|afirmó|afirma|señaló|señala|explicó|explica|aseguró|asegura|agregó|"
    r"agrega|añadió|añade|comentó|comenta|indicó|apuntó|anotó|precisó|sostuvo|sostiene|subrayó|"
    r"subraya|destacó|expresó|manifestó|declaró|declara|admitió|admite|reconoció|reconoce|"
    r"confesó|confiesa|advirtió|insistió|concluyó|contó|relató|respondió|responde|contestó|"
    r"replicó|remató|anticipó|comparó|recordó|bromeó|opinó|opina|consideró|aclaró|enfatizó|"
    r"puntualizó|mencionó|sentenció|exclamó|preguntó|detalló|refirió|narró|cuenta|recuerda"
)
PORTUGUESE = (
    r"disse|diz|disseram|afirmou|explicou|contou|acrescentou|acrescenta|declarou|comentou|"
    r"ressaltou|destacou|lembrou|completou|garantiu|revelou|observou|frisou|admitiu|confessou|"
    r"respondeu|brincou|concluiu|ressalta|destaca"
)
ITALIAN = (
    r"detto|spiegato|aggiunto|dichiarato|raccontato|affermato|sottolineato|commentato|concluso|"
    r"ammesso|precisato|ricordato|spiega|racconta|aggiunge|afferma|sottolinea|dichiara|"
    r"conclude|ammette|disse|spiegò|aggiunse|raccontò|affermò|sottolineò|commentò|dichiarò|"
    r"concluse"
)
GERMAN = (
    r"sagte|sagt|erklärte|erklärt|meinte|meint|betonte|betont|ergänzte|ergänzt|erzählte|"
    r"erzählt|berichtete|berichtet|fügte|fügt"
)

# Verbs whose subject may be left out: the speaker is the person the text is about.
PRO_DROP = "|".join((SPANISH, PORTUGUESE, ITALIAN))
# An auxiliary before a past participle ("a déclaré", "ha detto")
AUXILIARY = r"a|avait|ha|hanno|aveva"
# "that" introducing reported speech that a quoted fragment completes
THAT = r"that|que|qu['’]|che|dass"
# Verbs whose clause a quoted phrase can complete ("said the film was “…”", "wrote that it “…”")
CLAUSE = (
    r"said|says|wrote|writes|added|adds|explained|explains|recalled|recalls|noted|notes|"
    r"believes|believed|insisted|insists|argued|argues|admitted|admits"
)
# Verbs whose clause a short quoted fragment ends ("has said the film is “a horror movie”",
# "called it “exhausting work”", "spoke of how film-makers shouldn’t have to “beg for crumbs”")
# Verbs that name what a thing or a person is in the speaker's words ("called it “…”",
# "described him as an “…”", "dismissed it as “…”")
NAMES_IT = (
    "calls", "called", "describes", "described", "dismissed", "dismisses", "hailed", "hails",
    "derided", "derides", "dubbed", "dubs", "branded", "brands", "labelled", "labeled", "labels",
    "praised", "praises", "panned", "pans",
)  # fmt: skip
FRAGMENT = CLAUSE + "|spoke of|spoke about|speaks of|speaks about|" + "|".join(NAMES_IT)

# Verbs that attribute a quotation before or after it
ALL = "|".join((ENGLISH, FRENCH, SPANISH, PORTUGUESE, ITALIAN, GERMAN))
# Verbs that attribute a quotation after it ("“…,” grins Mortensen", "“…,” he shrugs")
AFTER = "|".join((ALL, GESTURES))

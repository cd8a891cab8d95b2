"""Pattern tables: the words and marks the parser recognises, kept apart from code.

Adding a language or a site's furniture is a change to a table here, not to logic.
"""

from __future__ import annotations

from typing import NamedTuple

# --- dates -------------------------------------------------------------------------------

_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: (
        "january",
        "jan",
        "januar",
        "jänner",
        "janvier",
        "janv",
        "enero",
        "ene",
        "gennaio",
        "gen",
        "janeiro",
        "januari",
    ),
    2: (
        "february",
        "feb",
        "februar",
        "février",
        "fevrier",
        "févr",
        "fevr",
        "febrero",
        "febbraio",
        "fevereiro",
        "fev",
        "februari",
    ),
    3: ("march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart", "mrt"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile"),
    5: ("may", "mai", "mayo", "maggio", "mag", "maio", "mei"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "augustus"),
    9: ("september", "sept", "sep", "septembre", "septiembre", "settembre", "set", "setembro"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out"),
    11: ("november", "nov", "novembre", "noviembre", "novembro"),
    12: (
        "december",
        "dec",
        "dezember",
        "dez",
        "décembre",
        "decembre",
        "déc",
        "diciembre",
        "dic",
        "dicembre",
        "dezembro",
    ),
}
MONTHS: dict[str, int] = {name: number for number, names in _MONTH_NAMES.items() for name in names}

# Zone abbreviations scrapes print after a time, as ISO offsets. Ambiguous ones take the
# reading of the English-language press that uses them most (IST: India).
TIMEZONES: dict[str, str] = {
    "UTC": "+00:00",
    "GMT": "+00:00",
    "BST": "+01:00",
    "CET": "+01:00",
    "CEST": "+02:00",
    "EET": "+02:00",
    "EEST": "+03:00",
    "EST": "-05:00",
    "EDT": "-04:00",
    "CST": "-06:00",
    "CDT": "-05:00",
    "MST": "-07:00",
    "MDT": "-06:00",
    "PST": "-08:00",
    "PDT": "-07:00",
    "IST": "+05:30",
    "AEST": "+10:00",
    "AEDT": "+11:00",
    "JST": "+09:00",
    "SGT": "+08:00",
    "HKT": "+08:00",
    "PKT": "+05:00",
    "WAT": "+01:00",
    "EAT": "+03:00",
    "SAST": "+02:00",
    "MEZ": "+01:00",
    "MESZ": "+02:00",
}

# Words that introduce a date stamp line.
STAMP_WORDS = (
    "published",
    "updated",
    "last updated",
    "first published",
    "first published on",
    "posted",
    "modified",
    "veröffentlicht",
    "aktualisiert",
    "stand",
    "publié",
    "publié le",
    "mis à jour",
    "publicado",
    "actualizado",
    "pubblicato",
    "aggiornato",
    "atualizado",
    "gepubliceerd",
    "bijgewerkt",
)

# --- wire datelines ----------------------------------------------------------------------

AGENCIES = (
    "AP",
    "Reuters",
    "AFP",
    "ANP",
    "dpa",
    "DPA",
    "EFE",
    "ANSA",
    "PTI",
    "IANS",
    "UPI",
    "Xinhua",
    "Bloomberg",
    "CNN",
    "PA",
    "AAP",
    "CP",
    "Kyodo",
    "Yonhap",
    "TASS",
    "Europa Press",
    "APA",
    "Belga",
    "SDA",
    "KNA",
    "epd",
    "IPS",
    "WAM",
    "SPA",
    "ANI",
    "Lusa",
    "Agência Brasil",
)

# --- quotation marks ---------------------------------------------------------------------

# opening mark -> the marks that close it
QUOTE_PAIRS: dict[str, str] = {
    '"': '"\u201d',  # scrapes mix straight and curly marks
    "\u201c": '\u201d"',  # “ … ”
    "\u201e": "\u201c\u201d",  # „ … “
    "\u00ab": "\u00bb",  # « … »
    "\u00bb": "\u00ab",  # » … «
    "\u2039": "\u203a",  # ‹ … ›
    "\u203a": "\u2039",  # › … ‹
    "\u2018": "\u2019'",  # ‘ … ’
    "'": "'\u2019",
    "`": "'\u2019\u2033\u201d\"",  # ``TeX style''  (old wire copy)
    "\u201a": "\u2018\u2019",  # ‚ … ‘
    "\u300c": "\u300d",  # 「 … 」
    "\u300e": "\u300f",  # 『 … 』
}
# Marks that make a double quotation (single marks double as apostrophes).
DOUBLE_OPENERS = '"\u201c\u201e\u00ab\u00bb\u2039\u203a\u300c\u300e`'
OPENERS = "".join(QUOTE_PAIRS)
# the dashes (and the hyphen) that open a line of dialogue or set off a name
DASHES = "-\u2012\u2013\u2014\u2015"

# --- links ---------------------------------------------------------------------------------

# Labels that introduce a link to another article, as written (matched case-insensitively).
READ_MORE_LABELS = (
    "read more",
    "read also",
    "also read",
    "read",
    "related",
    "related article",
    "related articles",
    "related story",
    "related stories",
    "related content",
    "see also",
    "see",
    "more",
    "more on this story",
    "also see",
    "recommended",
    "click here to read",
    "don't miss",
    "dont miss",
    "must read",
    "lesen sie auch",
    "lesen sie mehr",
    "mehr zum thema",
    "auch interessant",
    "à lire aussi",
    "a lire aussi",
    "lire aussi",
    "voir aussi",
    "lea también",
    "lee también",
    "te puede interesar",
    "leer más",
    "leggi anche",
    "leggi",
    "leia também",
    "leia mais",
    "veja também",
    "lees ook",
    "lees meer",
    "ook interessant",
)

# --- furniture -----------------------------------------------------------------------------

# Whole lines that are site furniture, as (reason, pattern) pairs; each pattern must match
# the whole stripped line (case-insensitive). Kept short and anchored so they run in
# linear time.
BOILERPLATE: tuple[tuple[str, str], ...] = (
    (
        "advertisement",
        r"(?:advertisement|advertising|anzeige|werbung|publicité|publicidad|anuncio|pubblicità|annuncio|"
        r"publicidade|anúncio|advertentie|reclame|sponsored(?: content)?|gesponsert|sponsorisé|patrocinado|"
        r"ad|\{mosads\})",
    ),
    ("advertisement", r"story continues below(?: this)? (?:ad|advertisement)"),
    ("newsletter", r"(?:sign up|subscribe)\b.{0,80}(?:newsletter|updates|alerts|email)s?\b.{0,60}"),
    ("newsletter", r".{0,100}\b(?:newsletters?|boletín|boletines)\b.{0,60}"),
    (
        "share",
        r"(?:share|share this|share this (?:article|story|page)|share on \w+|share via \w+|"
        r"(?:artikel |beitrag )?teilen|(?:diesen )?(?:artikel|beitrag) teilen|auf \w+ teilen|"
        r"partager(?: (?:cet|l')? ?article)?|partager sur \w+|"
        r"compartir(?: (?:este|esta) (?:artículo|noticia|nota))?|compartir en \w+|"
        r"condividi(?: (?:questo )?articolo)?|condividi su \w+|compartilhe?(?: (?:este|esta) (?:artigo|matéria))?|"
        r"compartilhar no \w+|(?:artikel )?delen|deel (?:dit artikel|op \w+)|"
        r"tweet|email|e-mail|print|drucken|imprimer|imprimir|stampa|copy link|link kopieren|copier le lien|"
        r"copiar enlace|whatsapp|facebook|twitter|linkedin|pinterest|reddit|telegram|x)",
    ),
    (
        "follow",
        r"(?:follow (?:us|@\w+)|folgen sie uns|suivez-nous|síguenos|seguici|siga-nos|volg ons)\b.{0,60}",
    ),
    ("cookie", r".{0,120}\bcookies?\b.{0,120}"),
    (
        "comments",
        r"(?:kommentare?|kommentieren|commentaires?|commenter|comentarios?|comentar|commenti|commenta|"
        r"comentários?|reacties?|reageer)(?: \(\d+\))?",
    ),
    ("copyright", r"(?:©|\(c\)|copyright)\s.{0,150}"),
    ("copyright", r".{0,200}(?:\ball rights reserved\b|©\s*\d{4}\b).{0,600}"),
    (
        "comments",
        r"(?:\d+\s*)?comments?|commented|view comments|leave a comment|"
        r"join the (?:conversation|discussion)|comments? (?:are|have been) closed.{0,60}|"
        r"\d+comments|sorry, there are no recent results.{0,80}",
    ),
    (
        "navigation",
        r"(?:skip to (?:main )?content|menu|home|sections|search|close|back to top|"
        r"next article|previous article|view gallery|open image in gallery|"
        r"subscription notification|start reading|log ?in|sign in|register|new|"
        r"expand(?: ?/ ?collapse)?(?: search)?|collapse|watch tv|listen|print this page)",
    ),
    (
        "kicker",
        r"(?:exclusive|breaking|breaking news|live|watch live|updated|analysis|opinion|comment|"
        r"watch|video|explainer|fact check)",
    ),
    ("reading time", r"[·•]?\s*\d+\s*min(?:ute)?s?\s*read"),
    ("browser notice", r".{0,40}\b(?:browser|IE \d+|internet explorer)\b.{0,20}\bnot supported\b.{0,120}"),
    # the label over a list of other stories: the article has ended above it
    (
        "related list",
        r"(?=.{0,60}$)(?:[\w.]+ ){0,3}(?:"
        r"(?:related|more|top|other|latest|popular|trending|recommended|suggested) (?:stories|articles|topics|"
        r"content|news|coverage|videos|slideshows|galleries|reads)|more from .{1,40}|more top stories|"
        r"most (?:read|popular|viewed|shared|watched)|(?:our|editor'?s|editors'|staff) picks|recommended(?: for you)?|"
        r"you (?:may|might) (?:also )?like|popular now|trending now|"
        r"meer uit .{1,40}|meest gelezen|mehr zum thema|meistgelesen|meistgelesene artikel|"
        r"plus d'actualités|les plus lus|à la une|más noticias|lo más leído|lo último(?: en .{1,30})?|"
        r"altre notizie|i più letti|mais lidas|últimas notícias"
        r")(?: .{0,30})?",
    ),
    ("separator", r"[\W_]{1,80}"),
    (
        "subscription prompt",
        r"(?=.{0,120}$).{0,60}\b(?:subscriptions?|membership|subscribe|free trial|days? free|"
        r"premium (?:titles|content|access)|abonnieren|abonnement|abonnez-vous|suscr[ií]bete|suscripción|"
        r"abbonati|abbonamento|assine|abonneer)\b.{0,60}",
    ),
    (
        "prompt",
        r"(?:already a (?:member|subscriber|user)\?.{0,40}|sign up to read .{0,60}|"
        r"click here .{0,80}|"
        r"download (?:the|our) app.{0,80}|we use cookies.{0,120})",
    ),
)


class FurnitureGate(NamedTuple):
    """What every line that a furniture kind's patterns match has, case-folded: it
    opens with one of ``opens`` or holds one of ``holds`` somewhere, and it is at most
    ``max_chars`` long (when given)."""

    opens: tuple[str, ...] = ()
    holds: tuple[str, ...] = ()
    max_chars: int | None = None


# The furniture that can fill a long line, with its gate: these reasons' patterns are
# only tried on a line that passes the gate, so a paragraph of prose costs one prefix
# test and a few substring tests. Lines longer than SHORT_FURNITURE are checked for these
# reasons only. Every pattern of such a reason must match only lines that pass its gate
# (tests/test_speed_paths.py tries each pattern on lines built from its words).
SHORT_FURNITURE = 100
LONG_FURNITURE: dict[str, FurnitureGate] = {
    "newsletter": FurnitureGate(opens=("sign up", "subscribe"), holds=("newsletter", "boletín", "boletin")),
    "cookie": FurnitureGate(holds=("cookie",)),
    "copyright": FurnitureGate(opens=("©", "(c)", "copyright"), holds=("all rights reserved", "©")),
    "browser notice": FurnitureGate(holds=("not supported",)),
    "subscription prompt": FurnitureGate(
        holds=(
            "subscri", "membership", "free trial", "days free", "day free", "premium ", "abonn", "suscr", "abbona",
            "assine",
        ),
        max_chars=120,
    ),
    "prompt": FurnitureGate(opens=("already a", "sign up to read", "click here", "download", "we use cookies")),
    "comments": FurnitureGate(
        opens=("komment", "comment", "coment", "reactie", "reageer", "join the", "sorry, there are no"),
        holds=("comment",),
    ),
    "follow": FurnitureGate(opens=("follow", "folgen sie", "suivez", "síguenos", "seguici", "siga-nos", "volg ons")),
}  # fmt: skip

# Lines that are a caption or a picture credit (searched, case-insensitive).
# Lines that are a caption or a picture credit (case-insensitive), in two kinds so that
# no pattern has to scan a whole paragraph: how a caption starts, and how it ends (the
# end patterns are searched in the last characters of a line only).
CAPTION_START = (
    r"(?:image|picture|photo|pic|credit|photograph|video|foto|bild|imagen|immagine|imagem|"
    r"file photo|image credit|photo credit)\s*:",
    r"camera icon\b",
    r"(?-i:STOCK|FILE|HANDOUT)\s",
    r"(?=.{0,120}$)(?:[^/\s]+ ){0,3}[^/\s]+/(?:afp|getty|ap|reuters|pa|epa|bloomberg|shutterstock)\b",
    r"(?:watch|video|gallery|listen)\s*:",
    r"(?:an? |the )?(?:undated |file |handout )?(?:picture|photo|photograph|image) (?:of|shows)\b",
)
# Every CAPTION_START match begins with one of these (case-folded), or is a line of at
# most 120 characters holding a slash (the credit pattern): is_caption tries the start
# patterns on such lines only (tests/test_speed_paths.py).
CAPTION_OPENINGS = (
    "imag", "pic", "photo", "foto", "bild", "immagine", "credit", "video", "file", "camera icon", "stock", "handout",
    "watch", "gallery", "listen", "undated",
    # "A picture of ...", "The undated photo shows ...": not every line that opens with "The"
    *(a + b for a in ("a ", "an ", "the ") for b in ("undated ", "file ", "handout ", "picture", "photo", "image")),
)  # fmt: skip
# No CAPTION_END pattern may match a line ending with a full stop unless the line holds a
# dash (— or –): is_caption skips the search for such lines (tests/test_adversarial.py).
# And every CAPTION_END match holds one of CAPTION_END_MARKS, or ends with one of
# CAPTION_END_ENDINGS (in any case, before trailing spaces): is_caption searches the end
# patterns in such lines only (tests/test_speed_paths.py).
CAPTION_END = (
    r"\((?:image|picture|photo|pic|credit|video|foto|bild|imagen|immagine|imagem|afbeelding)s?\s*:[^()]{1,80}\)\s*$",
    r"(?:\bcredit|\bphoto(?:graph)?|\bimage credit|\bfoto|\bbild|\billustration|\bcomposite)\s*:\s*[^.]{1,80}$",
    r"\((?:AP|AFP|Reuters|Getty|PA|EPA|Shutterstock|Alamy)(?: (?:Photo|Images))?[^()]{0,60}\)\s*$",
    r"(?:getty images|shutterstock|alamy|/afp|/reuters|/ap|/pa|/epa|/getty)\s*$",
    r"\bvideo$",
    r"(?-i:\((?:[A-Z]{2,6}|[A-Z][a-z]+ [A-Z][a-z]+/[A-Z]{2,6})\))\s*$",
    r"[\u2014\u2013]\s*(?:[\w-]+\s+){0,2}(?:pic|pix|photo|picture|file pic|file photo|handout)\.?$",
    r"\([^()]{0,60}/(?:PA|AP|AFP|Reuters|Getty|EPA|Bloomberg|Shutterstock|Alamy)(?: Images)?\)\s*$",
    r"\u2014\s*photo by\b.{0,100}$",
)

CAPTION_END_MARKS = (":", "\u2014", "\u2013")
CAPTION_END_ENDINGS = (
    ")", "getty images", "shutterstock", "alamy", "/afp", "/reuters", "/ap", "/pa", "/epa", "/getty", "video",
)  # fmt: skip

# How bare links to related pages end: galleries ("Red carpet looks36 Pictures"). Every
# such line ends with an "s" (in any case): read_link searches only those.
READ_MORE_BARE_ENDINGS = (r"(?<!\d)\d{1,3}\s*(?:pictures|photos|images|videos)$",)

# The line that signs an embedded tweet: "— Jane Smith (@jane) May 15, 2021".
POST_SIGNATURE = r"^[—–-]\s*.{1,80}\(@\w{1,30}\)\s+\w+\s+\d{1,2},?\s+\d{4}\s*$"

# Lines of an embedded social-media post (searched, case-insensitive).
EMBED = (
    r"\bpic\.twitter\.com/\w+",
    POST_SIGNATURE,
    r"^a post shared by\b",
    r"\bhttps?://t\.co/\w+",
    r"^view this post on instagram\b",
)
# Every EMBED match opens with one of EMBED_OPENINGS or holds one of EMBED_HOLDS (in any
# case): is_embed searches the patterns in such lines only (tests/test_speed_paths.py).
EMBED_OPENINGS = ("\u2014", "\u2013", "-", "a post shared by", "view this post on instagram")
EMBED_HOLDS = ("pic.twitter.com/", "t.co/")

# --- bylines ----------------------------------------------------------------------------

# Words that make a capitalised line the name of a publication or desk, not of a person.
ORGANISATION_WORDS = frozenset(
    """
    news times telegraph post herald journal press media daily weekly mail guardian express
    tribune gazette evening morning star sun standard mirror record chronicle observer
    independent reporter review today tv radio online network group agency service bureau
    magazine digital live sport sports politics business world national international local
    international nachrichten zeitung rundschau allgemeine tagesschau presse journal le la el
    diario periódico noticias gazzetta corriere giornale jornal folha notícias krant nieuws dagblad
    """.split()
)
# Titles written with a full stop before a name (``Rep. Kat Cammack``): the stop ends no
# sentence. The attribution of a quotation that ends on one of the first keeps its stop
# (``said Mr.``); the rest are only read as sentences running on.
SPEAKER_TITLES = tuple("Mr Mrs Ms Dr Sen Gov Rep Prof St Gen Lt Col Capt Sgt Brig Rev".split())
NAME_TITLES = SPEAKER_TITLES + tuple(
    "Supt Insp Det Hon Jr Sr Pres Cmdr Adm Maj Cpl Pvt Atty Rt Messrs Mme Mlle No Nr Dott Sig Hr Fr".split()
)
# Particles that may stand in lower case inside a person's name.
NAME_PARTICLES = frozenset("van von der den de del della di da du le la al el bin ibn dos das ter ten".split())

# --- a header run together on one line ---------------------------------------------------

# "Kicker Headline Standfirst Caption. Photograph: Credit" on one line: how the credit that
# ends such a line starts (case-sensitive: a label, then a colon).
GLUED_HEADER_CREDIT = r"(?:Photograph|Photo|Picture|Image|Illustration|Composite)s?:\s+[^.:]{2,80}$"
# Words that open a sentence (written with a capital there) but are not names: where one
# follows a word with no full stop between, a new field of the header begins.
SENTENCE_OPENERS = frozenset(
    """
    a an the this that these those it its he she they we i there here his her their our
    instead after before as when while with without despite although though but and so yet
    if once since until now then still even only just more most some many few all both no
    not never in on at for from by of to into over under about against among between
    der die das ein eine le la les un une el los las una il lo gli o os as um uma het een
    """.split()
)
# Words after which a capitalised word goes on the same sentence (a name: "the Six
# Nations", "to England's", "and Scotland's"), lower case.
MID_SENTENCE_WORDS = frozenset(
    """
    a an the of to in on at for from by with and or nor as into onto about against
    between among under over after before during via per than like near across
    his her their its our my your says said told tells asks calls named called
    """.split()
)

# --- a line of front matter holding several things ---------------------------------------

# Labels that name the source of a story, as a byline does: "Quelle: Bayern 2 Nachrichten".
SOURCE_LABELS = (
    "source", "sources", "quelle", "quellen", "fuente", "fuentes", "fonte", "fonti", "bron", "via",
)  # fmt: skip
# What separates the parts of such a line: "by AP | Today at 12:13 p.m.", "Quelle: X, 22.07.2021".
META_SEPARATORS = "|\u00b7\u2022,;-\u2013\u2014/"

# A navigation link glued to the end of a paragraph: "... from Borussia Dortmund. (More
# Football News)", "(Read more)", "(See also: ...)".
TRAILING_NAVIGATION = (
    r"\((?:more|read more|see more|see also|also read|related|mehr|plus|más|altro|meer)"
    r"\b[^()]{0,40}\)$"
)

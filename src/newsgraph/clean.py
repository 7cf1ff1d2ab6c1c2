"""Stage 2, clean: mark what in ``text`` is not article body, and read the dateline.

Nothing is deleted: ``text`` stays as read, and the stage fills ``removed`` (boilerplate,
duplicate, caption, credit, byline spans), ``captions`` (with their photo credits), ``agency``, and
``title``/``author`` where the text shows them and the page metadata did not. Later stages see
:meth:`Record.body`, the text with removed spans blanked, so offsets never shift.

A line goes on evidence that it is not story, never because its first words look like chrome:
losing a story sentence costs a user more than keeping a line of chrome. The rules, in the order
they run:

1. **Repeated paragraphs**: a paragraph of ``min_duplicate_words`` words or more (or a sentence of
   ``min_duplicate_sentence_words``: a short caption printed twice) that repeats an earlier one
   (case and spacing aside) is a ``duplicate``.
2. **Captions, credits, bylines**: a paragraph ending in a photo credit (``Name Name/agency``,
   ``AGENCY/Name``, ``Photo: …``, ``(AP Photo/…)``, ``… Getty Images``, ``© …``, ``(Supplied)``)
   is a caption; the credit alone is a ``credit``, the rest a ``caption``. A paragraph that is only
   a credit is a ``credit``. Gallery captions ("Open this photo in gallery …"), paragraphs with a
   photo position marker ("(left)", "(L-R)") or a "FILE PHOTO" label are captions too. Bylines
   ("By Jane Doe", "Jane Doe, The Associated Press"), contributor lines ("… contributed to this
   report", "With files from …") and sign-offs ("Reporting by …; Editing by …") are ``byline``;
   the first byline's names become ``author`` when the page gave none.
3. **Chrome lines anywhere**: a line of at most ``chrome_max_words`` words matching the packaged
   chrome lexicon (``newsgraph/data/chrome.txt``). Its ``[whole]`` patterns are the whole line
   ("Share this article", "Story continues below advertisement", "READ MORE: <headline>"): such a
   line goes. Its ``[opening]`` patterns only name the first words ("Register to …", "Updated …"):
   such a line goes unless it reads as story (:func:`reads_as_story`: its main verb is finite and
   has a subject other than the site's "we"/"you"; a small parse of those few lines decides).
   A line that is itself a comments or related-links header ("3 comments", "Related stories")
   goes with the run of headlines after it (a comments header ends the run: it is a header of its
   own), and, past ``comments_after`` of the text, with the rest of the page unless what follows
   reads as story (long third-person sentences, no comment marks; or right after it a sentence the
   line classifier takes for story that the parse reads as one: after a comments header only a
   reporter's attributed sentence, a verb of saying reporting a clause).
   **The line classifier** (:mod:`newsgraph.chrome_model`) then reads the lines the rules leave:
   it finds the headline, and takes captions (their credits found by :mod:`newsgraph.credits`),
   bylines and chrome, outside the story and inside it, each at its own confidence (the
   ``model_*`` options; the comment at step 3b of :func:`clean` says how).
4. **Chrome at the edges**: short lines without sentence punctuation after the last body line
   (section labels, site names); before the first, one- and two-word lines and breadcrumbs.
5. **Dateline**: the wire agency credited at the start of the first body paragraph
   ("DPA:", "(Reuters) -", "WASHINGTON (AP) —", "MOSCOW, March 3. /TASS/."), normalised
   with ``newsgraph/data/agencies.tsv``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .analyse import FINITE_TAGS, finite
from .chrome_model import CLASSES, context_chrome, context_threshold, line_classes
from .credits import credit_span
from .lists import data_lines
from .names import given_names
from .record import Caption, Record, Removed

__all__ = ["CleanOptions", "clean"]


@dataclass(frozen=True, slots=True)
class CleanOptions:
    min_duplicate_words: int = 10  # shorter repeated lines (list items, "Yes.") are left alone ...
    min_duplicate_sentence_words: int = 4  # ... but a sentence this long (a short caption printed twice)
    chrome_max_words: int = 20  # lexicon rule: only lines this short (an [opening] pattern) ...
    whole_max_words: int = 40  # ... or this short (a [whole] or [marked] pattern: consent banners are long)
    edge_max_words: int = 8  # edge rule: only lines this short ...
    edge_max_lines: int = 3  # ... and only this many at the end (or more of at most two words)
    comments_after: float = 0.3  # a comment-section header this far into the text cuts the rest
    shout_min_words: int = 7  # an all-capitals line this long without punctuation is a promo
    caption_max_words: int = 80
    dateline_blocks: int = 2  # the dateline is looked for in this many leading body paragraphs
    masthead_lines: int = 30  # the masthead rule looks this far for the story's first sentence
    # the line classifier (newsgraph.chrome_model) on what the rules leave: P(class) thresholds
    line_model: bool = True  # False: rules only
    model_caption: float = 0.7  # a caption: a line that is no sentence, or one with a photo credit ...
    model_caption_sentence: float = 0.9  # ... a sentence without one (a reporter's, inside the story, too) ...
    model_scene: float = 0.4  # ... or one this likely a caption that the parse reads as a photo's scene (reads_as_caption)
    model_byline: float = 0.7  # a byline near the story's start or after its end: no sentence ...
    model_byline_sentence: float = 0.9  # ... a sentence ("A and B contributed to this report.")
    model_byline_removed: float = 0.5  # a line removed as chrome this likely a byline is one (its reason)
    model_outside_line: float = 0.8  # not story, outside the story: a line that is no sentence ...
    model_outside_sentence: float = 0.5  # ... a sentence, the parse agreeing ...
    model_outside_sure: float = 0.8  # ... or not, when this sure, below the story (a sentence this short) ...
    outside_sure_max_words: int = 20
    model_outside_sure_long: float = 0.9  # ... or this sure (a longer one: the story's end may have been put above a reporter's paragraph)
    model_inside_sentence: float = 0.6  # not story, inside the story: a sentence, the parse agreeing ...
    model_inside_line: float = 0.8  # ... not story nor a subheading, a short line most of whose words the story does not use
    model_inside_sure: float = 0.9  # ... or a sentence none of whose words the rest of the story uses, the parse not asked
    model_inside_sure_line: float = 0.97  # ... a short line this sure, words or not
    sure_max_words: int = 12  # a sentence this short that the classifier is model_inside_sure of goes, the parse not asked
    model_reporter: float = 0.95  # a sentence inside the story written like a reporter's goes when the classifier is this sure ...
    reporter_max_words: int = 20  # ... it is this short, and the parse agrees ("Subscribe now to read every premium article.")
    alone_max_words: int = 12  # below the story, a line this short between lines that went goes too ...
    alone_story: float = 0.5  # ... unless this likely story
    above_headline_chrome: float = 0.9  # above the headline, a line this likely chrome goes unparsed
    furniture: float = 0.9  # the story ends above three lines or more this likely not story (or gone, or readers' signed remarks) ...
    detached_max_words: int = 25  # ... when a paragraph shorter than this follows them that reports nothing
    alone_in_a_row: int = 3  # ... and so do this many such lines in a row
    remarks_in_a_row: int = 3  # under a comment box, this many short lines in a row between lines that went are readers' remarks (the parse deciding)
    masthead_chrome: float = 0.97  # a line above the story this sure to be chrome is no headline
    masthead_near_chrome: float = 0.5  # ... nor, when no line reads as a headline, one this likely chrome that names nothing the story does
    model_story: float = 0.5  # a long sentence this likely not story marks neither the story's start nor its end
    model_headline: float = 0.3  # the line above the story most likely a headline is its headline, if this likely
    context_model: bool = True  # the context model (newsgraph.chrome_model.context_chrome) reads the lines left ...
    context_story: float = 0.5  # ... that the classifier gives at most this P(story) ...
    context_chrome: float | None = None  # ... and removes those it gives this P(not story) (None: the threshold shipped with it)
    headline_max_words: int = 20  # a longer line is never the headline (news headlines run 6-15 words)


# ---------------------------------------------------------------------------------------------
# packaged word lists


@dataclass(frozen=True, slots=True)
class _Lexicon:
    whole: re.Pattern[str]  # the whole line is chrome (a long sentence is parsed too)
    marked: re.Pattern[str]  # a mark makes it chrome: a label before a headline, a contact address
    opening: re.Pattern[str]  # chrome by its first words: goes unless it reads as story


@lru_cache(maxsize=1)
def _chrome() -> _Lexicon:
    tiers: dict[str, list[str]] = {"whole": [], "marked": [], "opening": []}
    tier = "whole"
    for line in data_lines("chrome.txt"):
        if line.startswith("[") and line.rstrip().endswith("]"):
            tier = line.strip()[1:-1]
            continue
        tiers[tier].append(line)
    return _Lexicon(*(re.compile("|".join(f"(?:{p})" for p in tiers[t]), re.I) for t in ("whole", "marked", "opening")))


@lru_cache(maxsize=1)
def agencies() -> dict[str, str]:
    """Written form (lower case) → canonical agency name."""
    return {k.lower(): v for k, v in (line.split("\t") for line in data_lines("agencies.tsv"))}


# ---------------------------------------------------------------------------------------------
# patterns

_NAME = r"(?:(?:[A-Z]\.){1,3}|[A-Z][\w'’-]+)"  # a capitalised name word or initials ("J.P."), no sentence dot
_ORG = r"[A-Za-z][\w.&'’-]*(?: (?:[A-Z][\w.&'’-]*|and|of|the|for|de|du|la|le))*"  # The Globe and Mail
#: where a credit may start: after a space, or glued to a caption's last full stop by the crawl ("… in Leeds.Photo: Getty")
_BEFORE = r"(?:^|(?<=\s)|(?<=[a-z]{2}[.!?])(?=[A-Z]))"
# words that name a news organisation or a newsroom role (bylines, site names, credits)
_NEWS_WORD = (
    r"(?:Press|News|Newswire|Wire|Agency|Times|Post|Herald|Journal|Globe|Star|Tribune|Gazette|Telegraph|Guardian|"
    r"Chronicle|Sun|Mail|Express|Independent|Observer|Courier|Record|Review|Examiner|Reporter|Bulletin|Daily|Weekly|"
    r"Magazine|Media|Radio|Television|TV|Network|Broadcasting|Reuters|Bloomberg|CNN|BBC|CBC|CTV|NPR|PBS|ABC|CBS|NBC|"
    r"Staff|Writer|Correspondent|Editor|Contributor|Columnist|Reporter|Bureau|Desk|Service|Services|Online|Today|Insider)"
)
_LABEL = (r"(?:(?:Photo(?:graph)?(?:er)?|Picture|Pic|Image|Foto|Bild|Illustration|Video|Credit|Source)s?"  # or in capitals: "PHOTO: …"
          r"|(?:PHOTO(?:GRAPH)?(?:ER)?|PICTURE|PIC|IMAGE|FOTO|ILLUSTRATION|VIDEO|CREDIT|SOURCE)S?)")
# (AP Photo/Evan Vucci) · (Photo by John Smith/Getty Images) · (Reuters) · (Supplied) · (THE CANADIAN PRESS)
_AGENCY_CREDIT = (
    r"\([^()\n]{0,60}(?:Photo|Getty|Images|Reuters|AFP|AP|dpa|EPA|Shutterstock|Alamy|Pool|Supplied|Submitted|Handout|"
    r"HANDOUT|Courtesy|File|FILE|PRESS|Press|Contributed|Facebook|Instagram|Twitter|X)[^()\n]{0,60}\)"
)
#: who sent a reader's photo in: a name, an organisation's ("the Garrow Rotary Club")
_SUBMITTER = r"(?:the )?[A-Z][\w.&'’-]*(?:\s(?:[A-Z][\w.&'’-]*|of|and|the|&)){0,6}"
_CREDIT_PATTERNS = [
    # Photo: Jane Doe/AP · Picture by … · Credit: … · Foto: … · Pic: SWNS · Photo courtesy of …
    # (not a label before a sentence in lower case: "Credit: the coach gave it to the defence.", nor
    # one before a caption's sentence: "FILE PHOTO: Ferries wait at the quay in Piraeus. REUTERS/…"; "FILE PHOTO:"
    # opens a caption)
    rf"(?<!FILE )(?<!File ){_LABEL}(?: credit| courtesy(?: of)?)?\s*(?::|by)\s*(?!\s*(?-i:[a-z])\S*(?:\s+\S+){{4}})(?![^\n]*[a-z]\.\s)[^\n]{{2,80}}",
    r"(?:(?:Photo|Image|Picture)s? )?[Cc]ourtesy (?:of )?[^\n]{2,60}",
    # Image source, PA Media · Photo source: …
    r"(?:Image|Photo|Picture|Video) source\s*[,:]\s*[^\n]{2,60}",
    _AGENCY_CREDIT,
    # a bracketed credit at the end: (Rhys Cardinal/CBC) · [Oleh Tkachenko/AFP] · (Image: PA) · (Sam Whitmore, KSL.com);
    # a name in it, so not a wire desk's filing initials in lower case ("(pvs/ji)") closing a story paragraph
    rf"[(\[]\s?(?:{_LABEL}\s*:\s*[^()\[\]\n]{{2,60}}|(?=[^()\[\]\n/]{{0,40}}/?[^()\[\]\n/]{{0,40}}[A-Z])[^()\[\]\n]{{1,40}}/[^()\[\]\n]{{1,40}}|{_NAME}(?:[ ,]+{_NAME})*(?:\.(?:com|ca|org|net|co\.uk|com\.au))?)\s?[)\]]",
    # Michael Kappeler/dpa · Evan Vucci / AP · John Smith/Getty Images · Jane Doe/The Globe and Mail
    rf"{_NAME}(?: {_NAME}){{0,3}} ?/ ?{_ORG}",
    # REUTERS/Kevin Lamarque · EPA-EFE/JOHN SMITH · THE CANADIAN PRESS/Sean Kilpatrick · …/File Photo
    rf"(?:[A-Z]{{2,}} ){{0,3}}[A-Z]{{2,}}(?:-[A-Z]{{2,}})?/{_NAME}(?: {_NAME}){{0,3}}(?:/File(?: Photo)?)?",
    # John Smith/AFP via Getty Images · Getty Images · Alamy Stock Photo · Handout via REUTERS
    rf"(?:{_NAME} ){{0,4}}(?:(?:via|for) )?(?:Getty Images|Shutterstock|Alamy(?: Stock Photo)?|iStock(?:photo)?|AP Images|AAP Image|PA Wire|PA Images)",
    r"(?:Handout|Supplied|Pool|File)(?: (?:photo|picture|image))? via [A-Z][\w.-]+(?: [A-Z][\w.-]+)?",
    r"File (?:photo|picture|image)\.?",
    # a community paper's reader photo, after a sentence: "… on Friday. Submitted by the Rotary Club", "Contributed photo"
    r"(?<=[.!?]\s)(?:(?:Submitted|Contributed) (?:photo|picture|image)|(?:Photo|Picture|Image) (?:submitted|contributed))(?: by " + _SUBMITTER + r")?\.?",
    r"(?<=[.!?]\s)(?:Submitted|Contributed) by " + _SUBMITTER + r"\.?",
    # Jane Doe for The New York Times · after a sentence, an agency's name alone: "… in Paris. AFP"
    rf"(?<=[.!?]\s){_NAME}(?: {_NAME}){{1,3}} for (?:The )?(?:[A-Z][\w.&'’-]*\s(?:and\s|of\s)?){{0,3}}{_NEWS_WORD}",
    r"(?<=[.!?]\s)(?:AFP|AP|Reuters|REUTERS|EPA|EPA-EFE|dpa|Xinhua|XINHUA|Getty|PA|AAP|Bloomberg|ANI|PTI|IANS)(?: (?:Photo|Images|PHOTO))?",
    r"©\s?[^\n]{2,60}",
]
_BRACKET_LABEL = re.compile(rf"[(\[]\s?{_LABEL}\s*:")
#: a run of names in brackets ("(Sam Whitmore)", "(U.S.)"), and a bracket that names an agency or a photo ("(Reuters)", "(Supplied)")
_BRACKET_NAMES = re.compile(rf"[(\[]\s?{_NAME}(?:[ ,]+{_NAME})*\s?[)\]]")
_AGENCY_BRACKET = re.compile(_AGENCY_CREDIT)
#: a reporting verb: what someone said, not a photo's scene
_TOLD = re.compile(r"\b(?:said|says|told|tells|according to|reported|announced|stated)\b", re.I)
#: a text that ends in an abbreviation, not a sentence: "vs.", "Inc.", "St.", "U.S."
_ABBREVIATION = re.compile(
    r"(?:\b(?:vs?|Inc|Corp|Co|Ltd|Plc|Bros|Jr|Sr|St|Mt|Ft|Dr|Mr|Mrs|Ms|Messrs|Gov|Sen|Rep|Gen|Lt|Col|Capt|Sgt|Prof|Rev|Ave|Blvd|Rd|No|Nos)\."
    r"|(?<![\w.])(?:[A-Z]\.){2,})$"
)
#: a wire desk's filing initials closing a paragraph, in lower case: "(pvs/ji)", "(sp/eml)". No credit (a credit
#: names someone): the line classifier reads the line without them
_FILING = re.compile(r"\s*\((?:[a-z]{1,4}/)+[a-z]{1,4}\)$")
_CREDIT_END = re.compile(rf"{_BEFORE}(?:{'|'.join(f'(?:{p})' for p in _CREDIT_PATTERNS)})[ \t]*$")
_CREDIT_LABEL = re.compile(r"^(?:Photo(?:graph)?|Picture|Pic|Image|Foto|Bild|Credit)s?(?: credit| courtesy(?: of)?)?\s*(?::|by)\s*", re.I)
# (the bare word "Caption" only as a label, with its colon: "Caption competitions are back" is a sentence)
_GALLERY = re.compile(r"^(?:(?:Open this photo in gallery|Image caption|Media caption|Photo caption)\s*[:.]?|Caption\s*[:.])\s*", re.I)
_POSITION = re.compile(r"\((?:from )?(?:left|right|centre|center|L-R|R-L|\d(?:st|nd|rd|th)? [LR])\)", re.I)
#: how a caption opens: "Pictured: …", "In this photo taken on …" (not "In this photo, taken by a
#: cousin, the floodwater can be seen …, she said": a reporter's), "Clockwise from top left: …"
_CAPTION_OPENING = re.compile(
    r"^(?:Pictured\s*:|In this (?:undated |handout |file |aerial |frame grab |video |satellite )?(?:photo(?:graph)?|image|picture|"
    r"still|screenshot|screen grab|frame grab|video grab|grab) (?:made|taken|provided|released|obtained|from|posted|shared|dated)\b|"
    r"(?:From left|Left to right|L-R|Clockwise from (?:top |bottom )?(?:left|right))\s*[:,])"
)
_FILE_PHOTO = re.compile(r"^(?:FILE(?: PHOTO)?\s*[:–—-]|FILE PHOTO\b|File (?:photo|picture|image)(?: of\b|\s*[:–—-]))")
_TERMINAL = re.compile(r"[.!?…:;\"”’»)\]。！？」』]$")
_LOWER_WORD = re.compile(r"(?:^|\s)[a-z]")
_SENTENCE_END = re.compile(r"[.!?…][\s\"”’'»)\]]*$")  # and a quotation mark after a space ('… it was over. "')
#: where one sentence ends and the next begins inside a line
_SENTENCE_BREAK = re.compile(r"[a-z)\d](?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)[.!?][\"”’']?\s+[\"“‘]?[A-Z]")

# bylines, contributor lines and sign-offs
_NEWS = re.compile(rf"\b{_NEWS_WORD}\b")
_PERSON_RUN = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|da|di|del|le|la|bin|al))*"
_PEOPLE = rf"{_PERSON_RUN}(?:\s*(?:,|and|&)\s*{_PERSON_RUN})*"
_BYLINE = re.compile(rf"^(?:By|BY|by|(?:Words|WORDS|Text|TEXT)(?=\s*:)):?\s+(?P<name>{_PEOPLE})(?:\s*(?:,|\||•|·|–|—|-|/|\bfor\b|\bof\b|\bin\b)\s*(?P<rest>[^\n]*))?$")
_ORG_LINE = re.compile(
    rf"^(?P<name>[A-Z][\w.'’-]*\s+{_PERSON_RUN}(?:\s+(?:and|&)\s+[A-Z][\w.'’-]*\s+{_PERSON_RUN})?)\s*(?:,|\||•|·|–|—|-|/)\s*"
    rf"(?P<org>(?:The\s+)?[^\n]{{0,60}}\b(?i:{_NEWS_WORD})[^\n]{{0,30}})$"
)
_CONTRIBUTED = re.compile(
    r"^[^\n]{0,160}\bcontribut\w* (?:additional )?reporting\b[^\n]{0,80}$|"
    r"^[^\n]{0,160}\bcontribut\w* (?:to|for) (?:this|the|our) (?:report|story|article|reporting|coverage|dispatch)\b[^\n]{0,40}$|"
    r"^[(\[—–-]*\s*(?:With|Includes?) (?:files|reporting|additional reporting|reports?|inputs?|material) (?:from|by) (?![^\n]*,\s+(?!and\b)(?-i:[a-z]))[^\n]{2,120}$|"
    r"^[(\[—–-]*\s*With (?-i:[A-Z])[\w.&'’-]*(?:\s*(?:,|and|&)?\s*(?-i:[A-Z])[\w.&'’-]*){0,4} (?:inputs?|reporting|files)[)\]]?\.?$|"
    r"^This (?:story|article|report) was (?:first |originally )?(?:published|posted) by (?:the )?(?-i:[A-Z])[^\n]{1,80}$|"
    r"^This (?:story|article|report) by (?:the )?(?-i:[A-Z])[^\n]{1,60} was (?:first )?(?:published|posted|filed)\b[^\n]{0,60}$|"
    r"^(?:Contributing|Contributors?|Additional reporting)\s*:\s*[^\n]{2,120}$|"
    r"^(?-i:[A-Z])[^\n]{0,80}\b(?:reported|reporting|contributed) from (?-i:[A-Z])[\w.' ,-]{1,40}\.?$|"
    r"^This (?:story|article|report) was (?:reported|written|produced|edited|compiled)(?: and (?:reported|written|produced|edited))?"
    r" by (?-i:[A-Z])[^\n]{0,160}$|"
    r"^[(\[]?(?:(?:Additional|Further) )?(?:Reporting|Writing|Editing|Compiled|Edited|Written|Produced|Research|Graphics|"
    r"Fact-checking)\s*(?:by|:)\s+(?-i:[A-Z])[^\n]*$",
    re.I,
)
_BIO = re.compile(
    rf"^[A-Z][\w.'’-]*\s+{_PERSON_RUN}\s+(?:(?:is|was|has been)\s+(?:a|an|the)\s(?:[\w-]+\s){{0,3}}(?:reporter|writer|correspondent|"
    r"columnist|editor|journalist|contributor|producer|photographer|author|fellow|professor|freelancer|lecturer|analyst)s?"
    r"(?:[.,]?$|\s(?:based|covering|who covers|who writes|for|at|with|in|and|of|on)\b[^\n]{0,200}$)|"
    r"(?:covers|writes about|reports on|writes for|reports for|is based in|has (?:covered|reported on|written about|been covering|"
    r"been reporting on|been writing about|reported from))\s[^\n]{2,200}$)"
)
_WORD_CAPS = re.compile(r"[A-Za-z][\w.'’-]*")
_DATEISH = re.compile(
    r"^(?:\d{1,4}(?:st|nd|rd|th)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|"
    r"[ap]\.?m\.?|updated|published|posted|on|at|utc|gmt|[ecmp][sd]?t)$",
    re.I,
)

# headers that open a comment section or a list of links to other stories
_COMMENTS = re.compile(
    r"^(?:\d+\s+(?:comments?|replies|responses)|\d+\s+(?:thoughts?|responses?|replies)\s+(?:on|to)\s+[\"“'‘][^\n]*"
    r"|(?:user |all |show |view |reader |read |see |hide |load )?comments?\s*(?:\(\d+\))?|reader comments|have your say[^\n]{0,60}"
    r"|[^\n]{0,40}\b(?:leave|post|add|write|submit|view|show|read|load|see|hide)\b[^\n]{0,20}\b(?:comments?|replies|reply|responses?)\b[^\n]{0,40}"
    r"|[^\n]{0,30}\bcomments? (?:are|is) (?:closed|moderated|disabled|reviewed|open|welcome|powered)\b[^\n]{0,80}"
    r"|[^\n]{0,20}\b(?:must|need to|have to|please) (?:be )?(?:logged in|log in|sign in|signed in|register|registered) to (?:post a |leave a |add a |write a )?(?:comment|reply|respond)[^\n]{0,40}"
    r"|(?:join|start|continue) the (?:discussion|conversation|debate)[^\n]{0,40}|want to join the discussion\??|comments powered by [^\n]*"
    r"|(?:what do you think|tell us what you think|share your (?:thoughts|views|opinion))\??[^\n]{0,60}|sort by (?:best|newest|oldest|top|popular)[^\n]{0,20}"
    r"|(?:comment|commenting|conversation|community|discussion) (?:guidelines|policy|rules|standards)|(?:type|write|enter|add) your (?:comment|reply|response)[^\n]{0,20}|be the first to (?:comment|reply|respond)[^\n]{0,40}|(?:there are )?no comments(?: yet| so far| to show)?|talk ?back)$",
    re.I,
)
_LINKS = re.compile(
    r"^(?:related(?: (?:articles?|stories|content|coverage|news|links|reading|posts|videos?|topics))?|"
    r"(?:more|also) (?:like this|to (?:read|watch|explore)|stories|news|articles|headlines|videos|coverage|reads|on this(?: story| topic)?|for you)|"
    r"more (?:from|in|on) [^\n]{1,40}|in this (?:article|story|series)|"
    r"(?:also|read|watch|listen)(?: to)? (?:read|watch|see|next|this next|more)|(?:read|watch) this next|up next|next up|"
    r"(?:you (?:may|might|could) (?:also )?(?:like|enjoy|be interested in)[^\n]{0,20})|"
    r"(?:top|latest|recent|popular|trending|featured|recommended|editors?'?s?) ?(?:stories|news|videos?|articles|posts|picks?|headlines|reads|now|today|for you)?|"
    r"(?:our|must) (?:stories|picks?|reads)|"
    r"most (?:read|popular|viewed|shared|commented|watched)(?: [^\n]{0,20})?|"
    r"further reading|what to (?:read|watch) next|(?:don'?t|do not) miss(?: this)?|keep reading|see also|"
    r"(?:from )?around the web|(?:more )?from (?:the|our) network|(?:sponsored|promoted|partner) (?:stories|links|content)|in case you missed it|other news|in other news|"
    r"explore more|more to explore|we recommend|recommended videos?|related videos?|read more about|more about|"
    r"(?:promoted|paid|sponsored|partner) (?:content|stories|links|posts))$",
    re.I,
)
# a line that is only a date and time stamp, with its label and the site's name after it at most:
# "Tuesday, September 17, 2019", "PUBLISHED: 18:33 BST, 16 September 2019 | UPDATED: 08:10 BST, …"
_STAMP_WORD = re.compile(
    r"^(?:\d{1,4}(?:st|nd|rd|th)?|\d{1,2}[:.h]\d{2}(?:\s?[ap]\.?m\.?)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|"
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?|[ap]\.?m\.?|am|pm|noon|midnight|[A-Z]{2,4}|utc|gmt|"
    r"published|updated?|posted|written|originally|first|last|modified|created|date|time|on|at|of|the|and|edited|"
    r"today|yesterday|ago|hours?|hrs?|minutes?|mins?|days?)$",
    re.I,
)
_STAMP_TOKEN = re.compile(r"\d{1,2}[:.h]\d{2}(?:\s?[ap]\.?m\.?)?|[A-Za-z]+\.?(?:m\.)?|\d+(?:st|nd|rd|th)?")
# a stamp names a date, or says what it stamps: a bare clock time ("1:30 p.m.") heads an entry of a
# live story and stays
_DATE_MARK = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d{4}-\d{2}-\d{2}|\bago\b|"
    r"\b(?:published|updated|posted|modified|written)\b",
    re.I,
)


#: the names of a news site's sections, as a menu lists them
_SECTIONS = frozenset(
    "news latest world business sport sports opinion opinions video videos politics entertainment lifestyle life markets "
    "economy companies banking energy property careers jobs metro weather health tech technology science culture travel "
    "podcasts podcast arts food style money education environment climate local national international home cricket "
    "football soccer rugby hockey tennis golf racing motoring cars auto obituaries classifieds events photos gallery "
    "multimedia e-paper epaper games puzzles crosswords horoscopes comics columns editorials letters features magazine "
    "insider live tv radio nation asia africa europe americas australia canada india uk us regional city crime courts "
    "wellness fashion celebrity movies music books shopping deals reviews analysis investigations newsletters".split()
)


def _tagline(text: str) -> bool:
    """A site's motto: two or three sentences of three words at most ("Facts first. Always.",
    "Local voices. Local news.")."""
    pieces = re.split(r"(?<=[.!?])\s+", text.strip())
    return 2 <= len(pieces) <= 3 and all(piece[-1:] in ".!?" and 1 <= len(piece.split()) <= 3 for piece in pieces)


def _menu(text: str) -> bool:
    """A site's menu printed without separators: five words or more, each capitalised, no sentence's
    punctuation, three at least and two in five the names of sections ("World Politics Business
    Climate Culture Podcasts", "Sport Cricket Rugby Football Racing Golf Tennis")."""
    words = text.split()
    if len(words) < 5 or any(c in text for c in ".!?:;,\"“”") or not all(w[:1].isupper() or w == "&" or w[:1].isdigit() for w in words):
        return False
    sections = sum(w.lower() in _SECTIONS for w in words)
    return sections >= 3 and sections * 5 >= len(words) * 2


_PAGE_STAMPED = re.compile(r"^(?:this\s+)?(?:story|article|post|page|report)\s+(?:was\s+|has\s+been\s+|last\s+)?(?=(?:first\s+)?(?:published|posted|updated|modified|edited)\b)", re.I)


def _stamp(text: str) -> bool:
    """A date or time stamp line (a trailing " / CBS News" or " | Site" allowed)."""
    if len(text) > 120 or not any(c.isdigit() for c in text):
        return False
    if _DIGIT_DATE.match(text.strip()):  # "14/02/26", "03/11/2024 14:05"
        return True
    head = re.split(r"\s+[/|•·]\s+(?=[A-Z][^\d]*$)", text.strip(), maxsplit=1)[0]
    head = _PAGE_STAMPED.sub("", head)  # "Story posted at 9:12 AM …": the page names itself first
    tokens = _STAMP_TOKEN.findall(head)
    return (  # (the digits are all in head: what the split cut off holds none)
        0 < len(tokens) <= 16
        and bool(_DATE_MARK.search(head))
        and all(_STAMP_WORD.match(t.rstrip(".")) or _STAMP_WORD.match(t) for t in tokens)
    )


# comment-section marks: reply and vote buttons, relative time stamps, log-in prompts
_COMMENT_MARK = re.compile(
    r"^(?:reply|like|report|flag|share|upvote|downvote|\d+ (?:likes?|replies|points?|votes?)|log ?in to (?:reply|comment)|up \d+ down \d+"
    r"|(?:[\w.@-]+\s+){0,3}(?:\d+|an?) (?:second|minute|min|hour|hr|day|week|month|year)s? ago|reply to [^\n]{1,40})$",
    re.I,
)
# a sentence about the page itself or to its reader ("Opinions expressed in this article …")
_META = re.compile(
    r"\b(?:this|the|our) (?:article|story|post|page|site|website|material|content|video|report|piece|newsletter|feed)\b|\b(?:this|our) (?:podcast|episode|programme|program|series|coverage|reporting|journalism|investigation|feature)\b|"
    r"\b(?:breaking|developing) (?:news )?(?:story|report)\b|\b(?:you|your|yours|our|us|we|we'll|we've|we're)\b|"
    r"\b(?:browser|javascript|cookies?|newsletters?)\b|"
    r"\ball rights reserved\b|\bcopyright\b|©|\breproduc\w+ (?:in whole|without)|\b(?:originally|first) (?:appeared|published)\b|"
    r"\b(?:comments?|posts?|replies) (?:are|is|will|may|must)\b|\bviews expressed\b|\b(?:edited|condensed) for (?:length|clarity|brevity|space)\b|\b(?:do|does) not (?:necessarily )?(?:endorse|reflect|represent)\b",
    re.I,
)
_NAME_WORD = r"[A-Z](?:[a-z][\w'’-]*|\.)"  # Ana, O'Neil, J. (not a word in capitals: "GIRLS BASKETBALL")
_NAMES_LINE = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}(?:\s+(?:and|&)\s+{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})?$")
_NAV_LINE = re.compile(r"^(?:[A-Z&][\w&'’.-]*(?: [A-Z&][\w&'’.-]*)?)(?:(?: {2,}|\s*[|•·›»>/]\s*)(?:[A-Za-z&][\w&'’.-]*(?: [A-Z&][\w&'’.-]*)?)){2,}$")
#: an address to write or call: an e-mail address, a handle, a web address, a phone number
_CONTACT = re.compile(r"\S+@\S+\.[a-z]{2,12}\b|(?<!\w)@\w{2,30}|https?://|www\.|\b\d{3}[-. ]\d{3}[-. ]\d{4}\b|\b1-8\d\d-", re.I)
#: a wire service's note to editors on what this version changed, in brackets: "(Adds reaction from
#: the union, paragraphs 6-8)", "(Updates with closing prices)", "(Corrects spelling of name in paragraph 3)"
_WIRE_NOTE = re.compile(
    r"^\s*[(\[](?:adds?|adding|updates?|updating|recasts?|rewrites?|refiles?|corrects?|correcting|fixes|changes|repeats?|removes?|inserts?"
    r"|clarifies|expands|advances|tops|writes through|new throughout)\b[^()\[\]]{0,160}[)\]]\s*$",
    re.I,
)
_SITE_NAME = re.compile(rf"^(?:The )?(?:[A-Z0-9][\w&'’.-]*\s){{0,3}}(?:{_NEWS_WORD}|[A-Z][\w&'’.-]*)(?:\.(?:com|ca|org|net|in|co\.uk|com\.au|ie|co\.za|co\.nz))?$")
_PERSONAL = re.compile(r"\b(?:I|I'm|I've|I'd|me|my|you|your|you're|we|our|us)\b", re.I)
#: a quotation (with the curly quotations inside it), or one still open at the line's end
_QUOTED = re.compile(r"[\"“](?:[^\"“”]|“[^\"“”]*”)*(?:[\"”]|$)")
_NAV = re.compile(r"[›»>|/]|\s[-–—]\s")
_STRIP = re.compile(r"^[\W_]+|[\W_]+$")
_WORD = re.compile(r"\w+")
_LIST_ITEM = re.compile(r"^(?:[-*•–]|\d{1,2}[.)])\s")
_TABLE_ROW = re.compile(r"^\|.*\|$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _words(s: str) -> int:
    """Words in ``s``; scripts written without spaces count one word per two characters."""
    cjk = len(_CJK.findall(s))
    return len(_WORD.findall(s)) + cjk // 2 if cjk else len(_WORD.findall(s))


def _shouting(line: _Line, options: CleanOptions) -> bool:
    if line.words < options.shout_min_words or _TERMINAL.search(line.text) or not line.text[:1].isupper():
        return False
    letters = [c for c in line.text if c.isalpha()]
    return sum(c.isupper() for c in letters) > 0.85 * len(letters)

_DATELINE_PATTERNS = [
    # DPA: … · AFP - …
    r"^(?P<a>[A-Za-z][\w.-]*(?: [A-Z][\w.-]*){0,2})\s*[:–—-]\s",
    # WASHINGTON (AP) — … · BERLIN, Sept 16 (Reuters) - … · (Reuters) - … · NAIROBI, Kenya (AP) _ … (the wire's underscore)
    # WEST PALM BEACH, Fla., Oct. 2, 2025 (AP) — · New Delhi [India], March 3 (ANI): … · BOGOTÁ, 4 mar (EFE).- …
    r"^(?:[A-Z][\w.'’/-]*(?:[ ,]+(?:[A-Z\d][\w.'’/-]*|\[[A-Z][\w ]*\]|de|del|la|el|al)){0,8}[ ,]*)?\((?P<b>[^()\n]{2,40})\)\.?\s*(?:[-–—:|]|_(?!\w))",
    # WELLINGTON, AAP — … (a listed agency after the place, no brackets)
    r"^[A-Z][A-Z.'’ /-]+,\s*(?P<e>[A-Z][\w&.-]{1,20})\s*[-–—]+\s",
    # HYDERABAD (IANS) Telangana police … · New Delhi, Aug 2 (PTI) The … (no dash: only a listed agency)
    r"^[A-Z][\w.'’-]*(?:[ ,]+[A-Z\d][\w.'’-]*){0,8}[ ,]*\((?P<d>[^()\n]{2,40})\)\s+(?=[A-Z])",
    # MOSCOW, March 3. /TASS/.
    r"^[^\n]{0,60}?/(?P<c>[A-Z][A-Za-z-]{1,20})/",
]
_DATELINE = re.compile("|".join(f"(?:{p})" for p in _DATELINE_PATTERNS))
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
# a month and a day in a dateline's place part: "Patna, Aug 4 (", "LAGOS, 3 March ("
_DATED = re.compile(r"\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?)\b[ ,\d]*\($")


# ---------------------------------------------------------------------------------------------
# layout: lines and paragraphs (blocks of consecutive non-blank lines), offsets into text

_LINE = re.compile(r"[^\n]*\S[^\n]*")


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    words: int


@dataclass(slots=True)
class _Block:
    lines: list[_Line]

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end


def _layout(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    last_end = -1
    for m in _LINE.finditer(text):
        raw = m.group()
        start = m.start() + len(raw) - len(raw.lstrip())
        end = m.end() - (len(raw) - len(raw.rstrip()))
        line = _Line(start, end, text[start:end], _words(raw))
        if blocks and "\n\n" not in text[last_end:start].replace(" ", "").replace("\t", ""):
            blocks[-1].lines.append(line)
        else:
            blocks.append(_Block([line]))
        last_end = end
    return blocks


def _key(s: str) -> str:
    return " ".join(s.casefold().split())


# ---------------------------------------------------------------------------------------------
# the stage


def clean(record: Record, options: CleanOptions = CleanOptions(), *, model: str | None = None, trace: list | None = None) -> Record:
    """Fill ``removed``, ``captions``, ``agency`` (and ``title``/``author`` if unknown) in place.

    ``model`` names the spaCy model that parses the few lines whose chrome reading rests on their
    first words (:func:`reads_as_story`); it is loaded only when such a line turns up. ``trace``
    (training the context model): a list that gets (start, end, features) of each line the context
    model reads."""
    text = record.text
    blocks = _layout(text)
    removed: list[Removed] = []
    gone: set[int] = set()  # line starts already removed
    dropped: set[int] = set()  # starts of every span removed (a credit's or a caption's too)

    def drop(start: int, end: int, reason: str) -> None:
        if end > start:
            removed.append(Removed(start, end, reason))  # type: ignore[arg-type]
            dropped.add(start)

    def remove(line: _Line, reason: str = "boilerplate") -> None:
        drop(line.start, line.end, reason)
        gone.add(line.start)

    scores: dict[int, tuple[float, ...]] = {}  # the line classifier's P(class) of a line, by its start
    headlines: dict[int, float] = {}  # P(headline) of a line read without a closing full stop or semicolon
    headline_col = CLASSES.index("headline")

    def score(some: list[_Line], stopped: list[_Line] = ()) -> None:
        """Score each line of ``some`` and, read without its closing full stop or semicolon, each of
        ``stopped`` (some sites and corpora end their headlines with one), all in one batch and each once."""
        todo = list({line.start: line for line in some if line.start not in scores}.values())
        cut = list({line.start: line for line in stopped if line.start not in headlines and line.text.endswith((".", ";"))}.values())
        if todo or cut:
            rows = line_classes([_FILING.sub("", line.text) for line in todo] + [line.text[:-1] for line in cut]).tolist()
            scores.update(zip((line.start for line in todo), map(tuple, rows)))
            headlines.update(zip((line.start for line in cut), (row[headline_col] for row in rows[len(todo):])))

    def classes_of(some: list[_Line]) -> list[tuple[float, ...]]:
        """P(story, chrome, byline, caption, headline) of each line."""
        score(some)
        return [scores[line.start] for line in some]

    def headline_of(some: list[_Line]) -> list[float]:
        """P(headline) of each line, read without a closing full stop or semicolon."""
        score(some, some)
        return [headlines.get(line.start, scores[line.start][headline_col]) for line in some]

    def resumes(rest: list[_Line], comments: bool) -> bool:
        """Whether the story goes on after a comments or links header: the next line, or the one
        after a line that is no sentence (a link), is a sentence the classifier takes for story and
        the parse reads as story. After a comments header (a reader writes sentences too) it must be
        a reporter's attributed sentence ("Moreno said that … we are likely to see more", '"Not
        again," the mayor said'): a verb of saying with a subject of its own reporting a clause. After
        a links header (a "Read more" or "Recommended" widget inside the story) any sentence whose
        main verb is finite and has a subject of its own that is not the site's "we"/"you" ("He is
        appealing in both cases to the Supreme Court.")."""
        first = next((line for line in rest[:2] if _sentence_like(line) and _SENTENCE_END.search(line.text)), None)
        if first is None or first is not rest[0] and (_SENTENCE_END.search(rest[0].text) or _header(rest[0])):
            return False
        if options.line_model and classes_of([first])[0][0] < 0.5:
            return False
        return reads_as_story([first.text], model, reporting=comments)[0]

    # 1. repeated paragraphs (list items and table rows may repeat: a menu for every day)
    seen: dict[str, _Block] = {}
    twice: set[int] = set()  # the lines of a paragraph printed again further down (a caption's first copy)
    kept: list[_Block] = []
    for block in blocks:
        key = _key(text[block.start : block.end])
        words = sum(line.words for line in block.lines)
        if (
            key in seen
            and (words >= options.min_duplicate_words
                 or words >= options.min_duplicate_sentence_words
                 and _SENTENCE_END.search(block.lines[-1].text) and not _TABLE_ROW.match(block.lines[0].text))
            and not _LIST_ITEM.match(block.lines[0].text)
        ):
            drop(block.start, block.end, "duplicate")
            gone.update(line.start for line in block.lines)
            twice.update(line.start for line in seen[key].lines)
            continue
        seen.setdefault(key, block)
        kept.append(block)

    # 2. captions, credits, bylines
    body: list[_Block] = []
    for i, block in enumerate(kept):
        signed = _signed(text[block.start : block.end])  # a byline a credit test would take for a photo's credit
        if (
            signed and _byline(record, block, text, len(kept) - i, drop)
            or _caption(record, block, text, options, drop)
            or not signed and _byline(record, block, text, len(kept) - i, drop)
        ):
            gone.update(line.start for line in block.lines)
        else:
            body.append(block)

    # 3. chrome lines anywhere; a comments or links header takes its list, or the rest of the page
    lines = [line for block in body for line in block.lines]
    opens = {block.lines[0].start for block in body}  # lines that start a paragraph
    story_start = next((line.start for line in lines if _opening(line)), 0)  # the story's first sentence
    story_like = {line.start for line in lines if _story_like(line)}
    story_end = max(story_like, default=0)  # where its last paragraph starts
    story_first = min(story_like, default=len(text))  # where its first reporter's sentence starts
    lexicon = _chrome()
    story_text = "\n".join(line.text for line in lines if _story_like(line)).lower()  # the reporters' sentences
    # the subheadings of a story in parts (three or more title-cased short paragraphs of one line inside
    # it: "Spring Fair", "County Show"), which no links header's list takes
    one_line = {block.lines[0].start for block in body if len(block.lines) == 1}
    parts = {line.start for line in lines if story_start < line.start < story_end and line.start in one_line and _title_cased(line)}
    parts = parts if len(parts) >= 3 else set()
    suspects: list[_Line] = []  # chrome by their first words: the parse decides
    latin_page = _latin(story_text) and _latin(" ".join(line.text for line in lines))  # (a page in Japanese has few lines punctuated as sentences)
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = _stripped(line.text)
        if line.start in gone or _TABLE_ROW.match(line.text):
            i += 1
            continue
        comments = bool(_COMMENTS.match(stripped))
        if i > 0 and (comments or _LINKS.match(stripped) or line.start > story_end and _link_list(lines, i, gone)):
            remove(line)
            j = i + 1
            # the list of links under the header; above the story, only what the line classifier
            # takes for chrome (a "Top stories" menu may sit right above the article's headline)
            above = options.line_model and line.start < story_start
            within = story_start < line.start < story_end
            while j < len(lines) and _headline(lines[j]) and not _COMMENTS.match(_stripped(lines[j].text)) and not (above and classes_of(lines[j : j + 1])[0][1] < 0.5) and not (
                within and (_told(lines[j].text, story_text) or lines[j].start in parts)
            ):
                remove(lines[j])
                j += 1
            rest = [other for other in lines[j:] if other.start not in gone]
            if rest and line.start > len(text) * options.comments_after and not (
                resumes(rest, comments) or _story_follows(rest, comments, lambda other: _lexicon_line(other, lexicon, options))
            ):
                for other in rest:
                    remove(other)
                break
            i = j
            continue
        if _stamp(line.text):
            if record.published is None and line.start < len(text) * options.comments_after:
                record.published = date_line(line.text)
            remove(line, "date")
        elif latin_page and not _latin(line.text) and (line.words <= 6 or _NAV.search(line.text) and len(line.text.split()) <= 12) or not _WORD.search(line.text) and len(line.text.strip()) <= 2:
            remove(line)  # a language switch or menu on an English page ("हिंदी", "日本語 | 中文"), a lone control glyph ("✕", "/")
        elif _dateline_alone(line.text) and dateline_agency(line.text):
            remove(line, "date")  # "Lahore, Jan 9 (APP):" over the paragraph it opens (its agency is read below)
        elif line.words >= 8 and _NEWS_LABEL.match(line.text) and _SENTENCE_END.search(line.text):
            suspects.append(line)  # "Breaking: a strong earthquake struck …" opens a story: the parse decides
        elif (
            line.words <= options.whole_max_words and lexicon.marked.fullmatch(_labelled(line.text, stripped))
            and not line.text.lstrip().startswith(('"', "“"))  # a label inside a quotation is someone's words
            or _shouting(line, options)
            or _NAV_LINE.match(line.text)
            or _WIRE_NOTE.match(line.text)
            or _menu(line.text)
            or line.start > story_start and _promo(line)  # above the story, "EXCLUSIVE: …" is the headline
            or line.start > story_first and line.words <= 20 and _FEATURE.match(line.text)
        ):
            remove(line)
        elif line.words <= options.whole_max_words and lexicon.whole.fullmatch(stripped):
            if line.words >= 8 and _SENTENCE_END.search(line.text) and not _META.search(_QUOTED.sub(" ", line.text)):
                suspects.append(line)  # a sentence: the parse tells a note to the reader from story
            else:
                remove(line)
        elif line.words <= options.chrome_max_words and lexicon.opening.fullmatch(stripped):
            if _sentence_like(line):
                suspects.append(line)
            else:
                remove(line)
        i += 1
    if suspects:
        for line, story in zip(suspects, reads_as_story([s.text for s in suspects], model)):
            if not story:
                remove(line)
    lines = [line for line in lines if line.start not in gone]

    # 3b. the lines the rules left, to the line classifier (newsgraph.chrome_model: story, chrome,
    # byline, caption or headline, trained on real pages and on lines written for it). A caption or
    # byline it is sure of goes as such (a sentence: surer, or a caption with a credit); a byline only
    # near the story's start or after its last paragraph. Outside the story (above its first sentence
    # but the headline; below its last paragraph), a line that is not story goes when it is no
    # sentence (below the story, a headline too: another story's), and a sentence that is chrome when
    # the parse agrees (:func:`reads_as_story`) or the classifier is sure. Inside the story a chrome
    # sentence goes when the parse agrees, and a short line that is neither story nor a subheading
    # only when fewer than half its distinctive words are found in the rest of the text: a subheading names
    # what its section speaks of, "Replay" or "Add to reading list" does not; a line written as a
    # headline is a subheading there, and so are title-cased lines that part a story (three or more,
    # each a paragraph, two naming what the story speaks of: "Harbour Regatta"). Below the story
    # a short line alone among lines that went goes with them. Never a line
    # that goes on with the one above, a list item, a row of data below the story's first sentence
    # (above it: a date), an interview's question; a reporter's sentence inside the story (of 40
    # words at most) only whether it is a caption ("In this photo taken on Monday, …"), or, short
    # and sure to be chrome, whether the parse agrees. Below the story a long sentence needs a surer
    # classifier than a short one: the story's end may have been put above a reporter's paragraph.
    if options.line_model and lines:
        # one batch: the lines short enough to be asked, the reporters' first and last sentences,
        # the lines that may be the headline (read without a closing full stop too)
        anchors = [k for k, line in enumerate(lines) if line.start in story_like]
        top = [line for line in lines[: options.masthead_lines] if _opening(line)][2:3]
        top = lines[: lines.index(top[0]) + 1] if top else lines[: options.masthead_lines]
        score([line for line in lines if line.words <= (40 if line.start in story_like else options.caption_max_words)]
              + [lines[k] for k in anchors[:2] + anchors[-2:]] + top, top)
        first, head = _masthead(lines, opens, options, classes_of, headline_of, top=_top(blocks, removed, story_start))
        # the story runs from its first reporter's sentence to its last, but for long sentences
        # the classifier takes for chrome (a cookie banner, a disclaimer below the story)

        def reporters(ks):  # the first of these the classifier does not take for chrome or a byline (a caption may open it)
            return next((k for k in ks if sum(classes_of([lines[k]])[0][1:3]) < options.model_story), None)

        begin = reporters(anchors) if anchors else first  # its first sentence
        last = reporters(reversed(anchors)) if anchors else len(lines)
        if begin is None:  # every one of them chrome to the classifier: the rules' reading
            begin, last = anchors[0], anchors[-1]
        # the story ends above a run of page furniture (three lines or more that went or that the
        # classifier is sure of) when what comes below it is no reporter's paragraph: a reader's
        # remark under a list of other stories' headlines ("Same old story. They promise and nobody
        # delivers.") is no last paragraph
        page = [line for block in blocks for line in block.lines]
        while anchors and begin < last:
            before = max(k for k in anchors if k < last)
            between = [line for line in page if lines[before].end <= line.start < lines[last].start
                       and not (line.start not in gone and (_DATA_ROW.search(line.text) or _TABLE_ROW.match(line.text)))]  # (rows of data are the story's)
            kept = [line for line in between if line.start not in gone and not _signed_remark(line.text)]
            story = [row[0] for row in classes_of(kept)]
            if not _signed_remark(lines[last].text) and (
                    len(between) - sum(p > 1 - options.furniture for p in story) < 3 or lines[last].words >= options.detached_max_words
                    or any(p >= 0.5 for p in story)
                    or reads_as_story([lines[last].text], model, reporting=True)[0]):
                break
            last = reporters(k for k in reversed(anchors) if k <= before)
            last = begin if last is None else last
        with_sentence = {line.start for block in body if any(_SENTENCE_END.search(x.text) and x.words >= 4 for x in block.lines)
                         for line in block.lines}  # lines of a paragraph that holds a sentence
        # ... a reporter's, one the classifier reads as story when it is short enough to be a headline
        # (not "Why are petrol prices rising again this winter?" in a list of links below the story)
        short = [x for block in body for x in block.lines if _SENTENCE_END.search(x.text) and 4 <= x.words <= options.headline_max_words]
        told = {x.start for x, row in zip(short, classes_of(short)) if row[0] >= 0.5}
        with_told = {line.start for block in body if any(_SENTENCE_END.search(x.text) and x.words >= 4
                                                         and (x.words > options.headline_max_words or x.start in told) for x in block.lines)
                     for line in block.lines}
        # lines of a paragraph of three lines or more, one of them a sentence: inside the story, a
        # list of its own ("Pack water / Tell someone your route / Turn back if …"), not furniture
        listed = {line.start for block in body if len(block.lines) >= 3 for line in block.lines if line.start in with_sentence}
        headline = {lines[head].start} if head < len(lines) else set()
        if head + 1 < len(lines) and lines[head + 1].start not in opens:
            headline.add(lines[head + 1].start)  # the line under it in its paragraph: its deck

        def inside(k: int) -> bool:
            return begin < k < last

        candidates = [
            (k, line)
            for k, line in enumerate(lines)
            if line.start not in headline
            # a line that goes on with the one above in its paragraph ("… said / the minister"): in
            # the story, or under a line as long as a wrapped one
            and not (line.text[:1].islower() and line.start not in opens and (inside(k) or k > 0 and lines[k - 1].words >= 6))
            and not (line.words >= 6 and k + 1 < len(lines) and lines[k + 1].text[:1].islower() and lines[k + 1].start not in opens
                     and not _SENTENCE_END.search(line.text))
            and not _LIST_ITEM.match(line.text)
            and not _INTERVIEW.match(line.text)
            and line.words <= options.caption_max_words  # a longer line is a reporter's paragraph (or a page dump)
            and _latin(line.text)  # the classifier knows English pages
            and not (inside(k) and line.start in story_like and line.words > 40)  # a reporter's paragraph
            and not (inside(k) and line.start in listed)
            and not _WHOLE_QUOTE.fullmatch(line.text.strip())  # someone's words, a pull quote as a subheading
        ]
        classes = classes_of([line for _, line in candidates])
        sentences = "\n".join(line.text for line in lines if _sentence_like(line)).lower()
        # subheadings of a story in parts ("Harbour Regatta", "Northfield Cup"): three or
        # more title-cased short lines inside the story, each a paragraph of its own, two of them
        # at least naming something the story speaks of (page furniture is often title-cased too)
        named = {k for k, line in enumerate(lines) if inside(k) and line.start in opens and _title_cased(line)}
        related = sum(not _foreign(lines[k].text, sentences) for k in named)
        subheadings = named if len(named) >= 3 and related >= 2 else set()
        # sentences the classifier leans to take for a caption, written as one: a photo's scene
        scenes = [line for (_, line), row in zip(candidates, classes)
                  if options.model_scene <= row[3] < options.model_caption_sentence and _sentence_like(line)]
        scenes = {line.start for line, scene in zip(scenes, reads_as_caption([line.text for line in scenes], model)) if scene}
        suspects = []
        for (k, line), (story, chrome, byline, caption, titled) in zip(candidates, classes):
            if k > begin and _DATA_ROW.search(line.text) and not (1 - story >= options.model_inside_sure_line and _lone_row(lines, k, opens)):
                continue  # a row of data of the story (above it, a date), unless a lone line the classifier is sure of
            sentence = _sentence_like(line)
            outside = k < begin or k > last  # above the story's first sentence, below its last paragraph
            reporter = begin <= k <= last and line.start in story_like  # a reporter's sentence of the story (its first and last too), or a caption
            if line.start in scenes or caption >= options.model_caption and not _EMBED_SIGNATURE.search(line.text) and (
                not sentence or caption >= options.model_caption_sentence or line.start in twice
                or not reporter and _credit_of(line.text, learned=False)
            ):
                _model_caption(record, line, drop)
                gone.add(line.start)
            elif (not outside and sentence and _SENTENCE_END.search(line.text) and line.words <= options.whole_max_words
                  and chrome + byline + (0.0 if reporter else caption) >= options.model_inside_sure and _worded(line.text)
                  and _foreign(line.text, sentences.replace(line.text.lower(), "", 1))):
                # a note to the reader inside the story, on nothing it speaks of: the parse not asked (a
                # reporter's sentence the classifier reads as a caption is no note: the caption test above)
                remove(line)
            elif reporter:
                if chrome + byline + caption >= options.model_reporter and line.words <= options.reporter_max_words:
                    suspects.append(line)  # written like a reporter's, sure to be chrome: the parse decides
                continue
            elif (k < first + 2 or k > last) and line.words <= 40 and byline >= (
                options.model_byline_sentence if sentence else options.model_byline
            ):
                remove(line, "byline")
                _set_author(record, _by_name(line.text))
            elif sentence and _SENTENCE_END.search(line.text):
                threshold = options.model_outside_sentence if outside else options.model_inside_sentence
                # (chrome, a byline or a caption: a sentence written like a headline is a
                # subheading of the story, or its standfirst)
                if k > last and chrome + byline + caption >= (
                    options.model_outside_sure if line.words <= options.outside_sure_max_words else options.model_outside_sure_long
                ):
                    remove(line)
                elif (chrome + byline + caption >= options.model_inside_sure and line.words <= options.sure_max_words
                      and _worded(line.text) and _stray(line.text, sentences.replace(line.text.lower(), "", 1))):
                    # a short sentence the classifier is sure of, the parse not asked ("Our live
                    # coverage of the markets continues below." parses as story), unless it speaks of
                    # what the story speaks of, half its content words found in the story's other
                    # sentences ("In Europe, the service is available in Germany, France and
                    # Britain."): then the parse decides
                    remove(line)
                elif chrome + byline + caption >= threshold and line.words <= options.whole_max_words:  # only short lines are parsed
                    suspects.append(line)
            elif outside and 1 - story >= options.model_outside_line and not line.text.endswith(":"):  # a label goes with its list
                # a sentence without its full stop: the parse decides; not a headline below the
                # story (another story's), unless its paragraph holds a sentence (a list of the story's),
                # nor a line that gives an address to write or call ("Complaints go to the ombud at …@…")
                # or has no word in lower case (a row of section names, a market ticker), nor above the
                # story a link under a label in capitals that is not its headline ("BREAKING: …", an alert bar)
                # (above the headline, a line the classifier is sure of goes unparsed: "LISTEN LIVE · 92.1
                # Coast FM · Now playing: …" parses as a clause)
                if line.words >= 8 and _LOWER_WORD.search(line.text) and not _CONTACT.search(line.text) and not (
                    k > last and titled >= 0.5 and line.start not in with_told
                ) and not (k < begin and _promo(line)) and not (k < head and chrome >= options.above_headline_chrome):
                    suspects.append(line)
                else:
                    remove(line)
            elif (not outside and line.words <= 8 and k not in subheadings and chrome + byline + caption >= options.model_inside_line
                  and not _heads_data(lines, k)
                  and (chrome + byline + caption >= options.model_inside_sure_line or _stray(line.text, sentences))):
                remove(line)  # a short line inside the story that names little the story speaks of
            elif (not outside and 8 < line.words <= options.whole_max_words and k not in subheadings
                  and chrome + byline + caption >= options.model_inside_line and not _heads_data(lines, k)):
                suspects.append(line)  # a longer line without a sentence's end: the parse decides
        if suspects:
            for line, story in zip(suspects, reads_as_story([s.text for s in suspects], model)):
                if not story:
                    remove(line)
        # below the story, a short line alone among lines of the page that went (by any rule, a
        # credit's too) goes with them: a reader's comment between the buttons of the comment box, a
        # stray label or headline between links
        end = lines[last].end if last < len(lines) else len(text)
        # (between lines the classifier took, whatever it is; between lines an earlier rule took, a
        # sentence only when the parse finds no reporter's clause in it: "It is the plant's biggest
        # order." may end a story under a promo line)
        taken = {lines[k].start for k in range(len(lines) - 1) if k > last and lines[k - 1].start in gone and lines[k + 1].start in gone}
        # (two or three in a row too, numbered or not: "3. Ferry fares to rise" / "1. Pier reopens")
        alone, row = [], []
        for n, line in enumerate(page):
            if line.start < end:
                continue
            if line.start not in dropped:
                row.append(line)
                continue
            if row and len(row) <= options.alone_in_a_row and n > len(row) and page[n - len(row) - 1].start in dropped and all(
                    _signed_remark(x.text) or x.words <= options.alone_max_words and classes_of([x])[0][0] < options.alone_story for x in row):
                alone += row
            row = []
        # (a remark signed by its reader goes wherever it stands below the story, unparsed: "Dee from
        # Carlow — Same old story. …")
        alone += [line for line in page if line.start >= end and line.start not in dropped and _signed_remark(line.text)]
        asked = [line for line in alone if line.start not in taken and _SENTENCE_END.search(line.text) and not _signed_remark(line.text)]
        clauses = {line.start for line, story in zip(asked, reads_as_story([line.text for line in asked], model)) if story}
        for line in alone:
            if line.start not in clauses:
                remove(line)
        # and under a comment box (a line that went below the story speaks of comments), a short
        # line (or a few in a row) between two lines of the page that went is a reader's remark unless the parse finds
        # a reporter's clause in it: readers write fragments ("Utterly predictable.", "Sympathies
        # to her family.") the classifier takes for story
        box = next((n for n, line in enumerate(page) if line.start >= end and line.start in dropped and _COMMENT_WORD.search(line.text)), None)
        if box is not None:
            # (two or three remarks in a row too: "Not again." / "Sympathy to the drivers, though.")
            remarks, row = [], []
            for line in page[box + 1 :]:
                if line.start in dropped:
                    if len(row) <= options.remarks_in_a_row and all(x.words <= options.alone_max_words or _HANDLE.match(x.text) or _signed_remark(x.text) for x in row):
                        remarks += row
                    row = []
                else:
                    row.append(line)
            # (one that opens with its writer's handle goes unparsed: "Jo_58 wrote: Nobody at city hall reads these.")
            for line in [line for line in remarks if _HANDLE.match(line.text) or _signed_remark(line.text)]:
                remove(line)
            remarks = [line for line in remarks if line.start not in gone]
            if remarks:
                for line, story in zip(remarks, reads_as_story([line.text for line in remarks], model)):
                    if not story:
                        remove(line)
            # a label under the box (a line ending in a colon, kept as "a label goes with its list")
            # whose line went, or with nothing after it, goes too: "Jo_58 wrote:" over a reader's remark
            for n in range(box + 1, len(page)):
                line = page[n]
                if (line.start not in dropped and line.text.rstrip().endswith(":") and line.words <= options.alone_max_words
                        and (n + 1 == len(page) or page[n + 1].start in dropped) and classes_of([line])[0][0] < options.alone_story):
                    remove(line)
        # 3c. what is left that the classifier doubts (P(story) below ``context_story``), read in its
        # place on the page by the context model (newsgraph.chrome_model.CONTEXT_FEATURES): a line
        # among lines that went, above or below the story, is chrome more often than the same line
        # between two reporter's paragraphs (a subheading). It goes as a caption or a byline when the
        # classifier reads it as one more than as chrome.
        if options.context_model or trace is not None:
            at = {line.start: n for n, line in enumerate(page)}
            blocks_of = {line.start: (len(block.lines), n == 0) for block in blocks for n, line in enumerate(block.lines)}
            asked = [(k, line) for k, line in candidates if line.start not in gone and k not in (begin, last) and not _TABLE_ROW.match(line.text)
                     and not _EMBED_SIGNATURE.search(line.text)  # an embedded post, quoted
                     # as the rules: the story's first and last sentences, tables and rows of data stay, but a lone row
                     and not (k > begin and _DATA_ROW.search(line.text) and not _lone_row(lines, k, opens))]
            asked = [(k, line) for (k, line), row in zip(asked, classes_of([line for _, line in asked])) if row[0] < options.context_story]
            if asked:
                score(page)
                # outside the story (above its first reporter's sentence, below its last), a sentence the
                # parse reads as story is not asked, nor a line of 8 words or more it so reads (as the
                # rules: the parse decides): the story may start above, or end below, a line the
                # classifier misread ("Radio host … interviewed Senator … on Monday." read as a byline)
                parsed = reads_as_story([line.text for _, line in asked], model)
                asked = [(k, line, story) for (k, line), story in zip(asked, parsed)
                         if not (story and not begin <= k <= last and (_SENTENCE_END.search(line.text) or line.words >= 8))]
            if asked:
                rows = np.array([_context_row(page, at[line.start], k, begin, last, scores, gone, blocks_of,
                                              reporter=line.start in story_like, parsed=story, twice=line.start in twice,
                                              foreign=_foreign(line.text, sentences.replace(line.text.lower(), "", 1)))
                                 for k, line, story in asked])
                if trace is not None:
                    trace.extend((line.start, line.end, row) for (_, line, _), row in zip(asked, rows.tolist()))
                if options.context_model:
                    for (_, line, _), p in zip(asked, context_chrome(rows)):
                        if p >= (options.context_chrome if options.context_chrome is not None else context_threshold()):
                            _, chrome, byline, caption, _ = scores[line.start]
                            if caption > max(chrome, byline):
                                _model_caption(record, line, drop)
                                gone.add(line.start)
                            else:
                                remove(line, "byline" if byline > chrome else "boilerplate")
        lines = [line for line in lines if line.start not in gone]

    # 4. chrome at the edges
    trimmed = 0
    while (
        lines
        and lines[-1].words <= options.edge_max_words
        and not _TERMINAL.search(lines[-1].text)
        and not _DATA_ROW.search(lines[-1].text)
        and (trimmed < options.edge_max_lines or lines[-1].words <= 2)
    ):
        remove(lines.pop())
        trimmed += 1
    while lines and not _TERMINAL.search(lines[0].text) and (
        lines[0].words <= 2 or (_NAV.search(lines[0].text) and lines[0].words <= options.edge_max_words)
    ):
        remove(lines.pop(0))

    # the masthead: short unpunctuated lines above the headline (site names, sections, "Today's
    # Paper") and mottos ("Facts first. Always."); the headline as :func:`_masthead` finds it.
    first, head = _masthead(lines, opens, options, classes_of, headline_of, top=_top(blocks, removed, story_start))
    for k, line in enumerate(lines[:first]):
        site = line.words <= 5 and _SITE_NAME.match(line.text) and (_NEWS.search(line.text) or "." in line.text)
        if (k < head or site) and line.words <= options.edge_max_words and (not _SENTENCE_END.search(line.text) or k < head and _tagline(line.text)):
            remove(line)
        elif k > head and _NAMES_LINE.match(line.text) and not _NEWS.search(line.text):  # a name under the headline
            remove(line, "byline")
            record.author = record.author or line.text.strip()

    if options.line_model:
        # a whole line removed as chrome that the classifier takes for a byline more likely than
        # not, or as a lone credit that it is sure is one, is a byline: a contact line ("Reach
        # the writer at …"), "Name / Outlet" under the headline, a reporter's bio below the story
        # ("… is our bureau chief in …")
        whole = {(line.start, line.end): line for block in blocks for line in block.lines}
        asked = [(n, whole[r.start, r.end]) for n, r in enumerate(removed) if r.reason in ("boilerplate", "credit")
                 and (r.start, r.end) in whole and whole[r.start, r.end].words <= 40]
        for (n, line), row in zip(asked, classes_of([line for _, line in asked])):
            if row[2] >= (options.model_byline_sentence if removed[n].reason == "credit" else options.model_byline_removed):
                removed[n] = Removed(line.start, line.end, "byline")
    record.removed = sorted(removed, key=lambda r: (r.start, r.end))
    record.captions.sort(key=lambda c: c.start)

    # 5. dateline, title, date line from the paragraphs that are left; without a dateline in them, a
    # dateline on a line of its own above the story ("WASHINGTON (AP) --", "NAIROBI, Kenya (AP) _")
    # that a rule took is read as the one that opens a story paragraph is
    paragraphs, with_datelines = [], []
    for block in body:
        left = [line for line in block.lines if line.start not in gone]
        if left:
            paragraphs.append((left[0].start, left[-1].end))
        left = [line for line in block.lines if line.start not in gone or _dateline_alone(line.text)]
        if left:
            with_datelines.append((left[0].start, left[-1].end))
    _front_matter(record, paragraphs, options)
    if record.agency is None and with_datelines != paragraphs:
        record.agency = _agency_of(record.text, with_datelines, options)
    return record


_CONTENT = re.compile(r"[^\W\d_]{4,}")
#: a line that is one quotation and nothing else: "‘Nobody warned us’"
_WHOLE_QUOTE = re.compile(r"[\"“‘'][^\"“”‘’\n]{3,200}[\"”’'][.!?]?")
#: an embedded post's signature: "— Harbour Police (@HarbourPolice) March 4, 2026" (after the post's
#: words, in its paragraph or on the next line, it is quoted story)
_EMBED_SIGNATURE = re.compile(r"[—–-]\s*[^()\n]{1,80}\(@\w{1,30}\)\s*(?:on\s+)?(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4})\.?")
# a handle: underscores or digits inside a word ("kiwi_mum42", "jb1977")
_HANDLE_WORD = r"[^\W\d_]\w*?(?:_\w*|\d+[^\W\d_]*)"
# a name or a handle and when it wrote: "Oona R.  2h", "quarry_rat88 · 5 hours ago", "Dee K, a day ago"
_NAME_AGO = (rf"^(?:[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){{0,2}}|{_HANDLE_WORD})\s*[·•|,—-]?\s*"
             r"(?:\d{1,2}\s?(?:h|hrs?|m|mins?|d|w)\b|(?:\d{1,2}|an?|one)\s(?:hours?|minutes?|mins|days?|weeks?|months?)\sago\b|just now\b)")
#: a reader's handle opening a comment: "@kiwi_dan", "Jo_58", "harbourfan2011", or a name and how long
#: ago it was posted: "Marta K.  2h", "Dev Rao · 5 hours ago"
_HANDLE = re.compile(rf"^(?:@\w{{2,30}}|{_HANDLE_WORD})(?![\w@])|" + _NAME_AGO)
# a handle signing a reader's remark: "@dee_b …", a handle (underscores or digits inside a word) before
# a colon or a dash, with what the reader did or a place between ("kiwi_mum42 said: …", "kelp4life,
# Port Ardee — …"; not a brand's name opening a sentence: "Payro11 offers …"), or "Name  3h"
_HANDLE_SIGN = re.compile(
    rf"^(?:@\w{{2,30}}(?![\w@])|{_HANDLE_WORD}(?:\s(?:said|says|wrote|writes|replied|commented))?(?:,\s[^\n:—–]{{1,40}}?)?\s*[:—–])|"
    + _NAME_AGO
)
# a name (given name and initial or surname) with its place, signing a reader's remark
_NAME_SIGN = re.compile(
    r"^[A-Z][a-z][\w'’-]*(?:\s[A-Z][\w.'’-]*)?"
    r"(?:\sfrom\s[A-Z][a-z][\w.'’-]*(?:\s[A-Z][a-z][\w.'’-]*)?\s*(?:[—–:]|-\s)|,\s[A-Z][a-z][\w.'’-]*(?:\s[A-Z][a-z][\w.'’-]*)?:)"
    # ... or a given name and an initial, and what the reader did: "Vesna T. wrote: …"
    r"|^[A-Z][a-z][\w'’-]*\s[A-Z]\.\s(?:said|says|wrote|writes|replied|commented)\s?:"
)
#: a line of a comment box: "Load the comments", "Comments are pre-moderated.", "Powered by Commento", "Sort by:
#: Top", "Most upvoted", "Begin the conversation", "17 replies"
_COMMENT_WORD = re.compile(r"\bcomment|\bdisqus\b|\bconversation\b|\bsort by\b|\bmost (?:liked|upvoted|recommended)\b|\brepl(?:y|ies)\b|\bhave your say\b", re.I)
#: a question or an answer of an interview ("Q: Where did you grow up?", "A. In Leeds.")
_INTERVIEW = re.compile(r"^(?:Q|A)\s?[:.)]\s")


def _odds(p: float) -> float:
    """The log-odds of a probability, kept within ±8."""
    p = min(max(p, 3.4e-4), 1 - 3.4e-4)
    return math.log(p / (1 - p))


def _context_row(page: list[_Line], n: int, k: int, begin: int, last: int, scores: dict, gone: set[int],
                 blocks_of: dict[int, tuple[int, bool]], *, reporter: bool, parsed: bool, twice: bool, foreign: bool) -> list[float]:
    """The :data:`newsgraph.chrome_model.CONTEXT_FEATURES` of ``page[n]`` (``lines[k]`` of the lines
    the rules left; the story runs from ``lines[begin]`` to ``lines[last]``): ``reporter``, a
    reporter's sentence by its form; ``parsed``, read as story by the parse; ``twice``, printed again
    below; ``foreign``, naming nothing the story's other sentences name."""
    line = page[n]
    story, chrome, byline, caption, headline = scores[line.start]

    def there(m: int) -> bool:
        return 0 <= m < len(page)

    def beside(m: int) -> tuple[float, float, float]:  # log-odds of story, removed, none
        if not there(m):
            return 0.0, 0.0, 1.0
        return _odds(scores[page[m].start][0]), float(page[m].start in gone), 0.0

    near = [page[m] for m in range(max(0, n - 3), min(len(page), n + 4)) if m != n]
    odds = _odds(story)
    above, below = float(k < begin), float(k > last)
    size, first = blocks_of[line.start]
    return [
        odds, chrome, byline, caption, headline,
        *beside(n - 1), *beside(n + 1),
        sum(other.start in gone for other in near) / max(1, len(near)),
        sum(scores[other.start][0] for other in near) / max(1, len(near)),
        above, below, n / max(1, len(page) - 1),
        math.log1p(line.words), float(_sentence_like(line)), float(bool(_SENTENCE_END.search(line.text))),
        float(_title_cased(line)), float(bool(_DATA_ROW.search(line.text))), float(reporter), float(foreign),
        float(size > 1), float(first),
        odds * above, odds * below, odds * (1 - above - below),
        float(parsed),
        float(all(there(m) and page[m].start not in gone and scores[page[m].start][0] >= 0.5 for m in (n - 1, n + 1))),  # between story lines
        float(twice),
    ]


def _lone_row(lines: list[_Line], k: int, opens: set[int]) -> bool:
    """Whether a row of data is a lone one the line classifier may judge (a running time, a chart's
    title): a paragraph alone (:func:`_alone`) that is no label with its figure, score or table row."""
    return _alone(lines, k, opens) and not _STORY_ROW.search(lines[k].text)


def _alone(lines: list[_Line], k: int, opens: set[int]) -> bool:
    """Whether ``lines[k]`` is a paragraph of its own between paragraphs that are no rows of data
    nor list items: a video's running time or a chart's title, not a row of the story's table."""
    def row(j: int) -> bool:
        return 0 <= j < len(lines) and bool(_DATA_ROW.search(lines[j].text) or _LIST_ITEM.match(lines[j].text))

    return lines[k].start in opens and (k + 1 >= len(lines) or lines[k + 1].start in opens) and not row(k - 1) and not row(k + 1)


def _heads_data(lines: list[_Line], k: int) -> bool:
    """Whether the line after ``lines[k]`` is a row of data or a list item (a short one, no reporter's
    sentence with figures in it): ``lines[k]`` is their label."""
    after = lines[k + 1] if k + 1 < len(lines) else None
    return after is not None and after.words <= 15 and bool(
        _DATA_ROW.search(after.text) and not _sentence_like(after) or _LIST_ITEM.match(after.text))


def _found(line: str, sentences: str) -> list[bool]:
    """For each content word of ``line`` (four letters or more, not one of the words every text
    uses: "watch", "follow", "full"): is it found in ``sentences`` (lower-cased), by its first six
    letters ("addicts" in "addiction")?"""
    words = set(_CONTENT.findall(line.lower())) - common_words()
    return [bool(re.search(rf"\b{re.escape(word[:6])}", sentences)) for word in sorted(words)]


def _foreign(line: str, sentences: str) -> bool:
    """Whether no content word of ``line`` is found in ``sentences`` (the text's sentences): a
    subheading names what its section is about, page furniture does not."""
    return not any(_found(line, sentences))


def _unrelated(line: str, story: str) -> bool:
    """Whether a line above the story names nothing it speaks of: none of its figures and none of
    its words (three letters or more, not of every text's) found in ``story``, a word by its stem,
    at most its first six letters ("Rates rise again" over "raised its main interest rate",
    "Ryanair Buys Five Boeing 737s" over "would buy the jets": a headline says it in other forms)."""
    words = set(_WORDS3.findall(line.lower())) - common_words()
    return not any(re.search(rf"\b{re.escape(_SUFFIX.sub('', word)[:6])}", story) for word in words) and not any(
        re.search(rf"(?<![\d.,]){re.escape(n)}(?![\d])", story) for n in _FIGURES.findall(line))


_WORDS3 = re.compile(r"[^\W\d_]{3,}")
_SUFFIX = re.compile(r"(?<=\w{3})(?:ing|ed|es|s)$")  # "buys" is found in "buy", "rates" in "rate"
_FIGURES = re.compile(r"\d[\d,.]*\d|\d")


def _worded(line: str) -> bool:
    """Whether ``line`` has a content word to look for in the story: a sentence of common words only
    ("If your team does well, you'll do well.") names nothing, so its words cannot tell that it
    speaks of nothing the story does; the parse decides."""
    return bool(set(_CONTENT.findall(line.lower())) - common_words())


def _stray(line: str, sentences: str) -> bool:
    """Whether fewer than half the content words of ``line`` are found in ``sentences``: a link to
    a story on the same topic shares a word with this one ("Video: Ferry operator fined over
    crowding"), a subheading names what its section speaks of."""
    found = _found(line, sentences)
    return sum(found) * 2 < len(found) or not found


def _told(line: str, sentences: str) -> bool:
    """Whether every content word of ``line`` (two at least) is found in ``sentences``: inside the
    story, a line under a links header that only names what the story tells is its subheading
    ("Rents and grocery bills"), not another story's headline."""
    found = _found(line, sentences)
    return len(found) >= 2 and all(found)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words every kind of text uses (``data/common_words.txt``, scripts/build_common_words.py)."""
    return frozenset(data_lines("common_words.txt"))


def _title_cased(line: _Line) -> bool:
    """A short line that is no sentence, every word of four letters or more of it capitalised."""
    words = _CONTENT.findall(line.text)
    return line.words <= 8 and bool(words) and all(w[0].isupper() for w in words) and not _SENTENCE_END.search(line.text)


def _headline_cased(line: _Line) -> bool:
    """A line written in headline case, three words of four letters or more and every one capitalised,
    whatever its length and stop ("Ferry Operator Blames Storm For Cancelled Crossings."): a site's
    headline, not a story's lead, though the classifier reads it as a sentence."""
    words = _CONTENT.findall(line.text)
    return len(words) >= 3 and all(w[0].isupper() for w in words)


def _latin(text: str) -> bool:
    """Whether most of the letters of ``text`` are Latin ones."""
    if text.isascii():
        return True
    letters = [c for c in text if c.isalpha()]
    return sum(c <= "\u024f" for c in letters) * 2 >= len(letters)


def _promo(line: _Line) -> bool:
    """A link to another story under a label in capitals or brackets, or behind an arrow:
    "MUST READ: Ferry fares to rise", "[WATCH] Crews battle wildfire", "» Council delays vote"."""
    m = _PROMO.match(line.text)
    return bool(m) and line.words <= 25 and not _SENTENCE_END.search(line.text) and not _NOT_PROMO.match(m.group("label") or "")


# a quiz, a poll or a chart under its label, below a reporter's sentence: another feature of the
# page (above the story, the headline: "Poll: Voters split on the levy")
_FEATURE = re.compile(r"^(?:quiz|poll|chart|graphic|interactive|infographic)\s*[:|–—]\s*\S", re.I)


# the label of a breaking story's first sentence (with a sentence after it, no link to another story)
_NEWS_LABEL = re.compile(r"^(?:breaking(?: news)?|just in|latest|developing)\s*[:|–—]\s*\S", re.I)
_PROMO = re.compile(
    r"^(?:(?P<label>[A-Z]{2,}[A-Z'’&-]*(?: [A-Z]{2,}[A-Z'’&-]*){0,3})\s*[:|»›>]|\[(?P<tag>[A-Za-z][\w '’-]{1,25})\]|[→»›>▶►]+)\s*\S"
)
_NOT_PROMO = re.compile(r"^(?:UPDATE[DS]?|CORRECTION|CORRECTED|EDITOR'?’?S NOTE|CLARIFICATION|NOTE|Q|A)$")


def _labelled(text: str, stripped: str) -> str:
    """A line that ends with a colon, its colon given back: a label whose list is not under it
    ("Tags:", "Related topics:") is read as the label of [marked] chrome it is."""
    return stripped + ":" if text.rstrip().endswith(":") and not stripped.endswith(":") else stripped


def _stripped(text: str) -> str:
    """The line without the punctuation around it, but with a closing parenthesis it opened
    ("Comments (14)")."""
    stripped = _STRIP.sub("", text) or text
    return stripped + ")" if stripped.count("(") > stripped.count(")") and text.endswith(")") else stripped


def _sentence_like(line: _Line) -> bool:
    """Long enough and punctuated like a sentence: only such lines can read as story."""
    return line.words >= 4 and bool(_SENTENCE_END.search(line.text)) or line.words >= 12


def _top(blocks: list[_Block], removed: list[Removed], story_start: int) -> int:
    """Where the text's first line starts, when it may be the headline for that alone: no line
    between it and the story's first sentence went as chrome (a page's masthead); else -1."""
    if not blocks:
        return -1
    end = blocks[0].lines[0].end
    return -1 if any(r.reason == "boilerplate" and end <= r.start < story_start for r in removed) else blocks[0].start


def _masthead(lines: list[_Line], opens: set[int], options: CleanOptions, classes_of, headline_of, top: int = 0) -> tuple[int, int]:
    """(index of the story's first sentence, index of the headline above it) among ``lines``.

    The first sentence is the first line written as one (:func:`_opening`) that the line
    classifier (``classes_of``: P(story, chrome, byline, caption, headline) of lines) does not take
    for something else (a cookie banner is a long sentence too; a lead opened by a dateline is one
    however headline-like it reads). The headline is the line above it
    the classifier finds most headline-like (``headline_of``: P(headline) of lines, read without a
    closing full stop), with its deck; without the classifier, or when no line there reads
    as a headline to it, the first line written as one (a lower-case word, or six words or more)
    that it is not sure is chrome."""
    openings = [k for k, line in enumerate(lines[: options.masthead_lines]) if _opening(line)]
    first = openings[0] if openings else 0
    if options.line_model and openings:  # (the caller scores these lines in one batch beforehand)
        first = next((k for k in openings if classes_of(lines[k : k + 1])[0][0] > 1 - options.model_story
                      and (lines[k].words > options.headline_max_words or _dated(lines[k].text)
                           or headline_of(lines[k : k + 1])[0] < options.model_story)), first)
    if not first:
        return first, 0
    # a story in Latin letters has its headline in them: a line in another script above it is a
    # link to the story in another language ("Читать на русском"), taken for nothing here
    latin = _latin(lines[first].text)
    other_script = [latin and not _latin(line.text) for line in lines[:first]]
    if options.line_model:
        classes = classes_of(lines[:first])
        chrome = [p[1] >= options.masthead_chrome or o for p, o in zip(classes, other_script)]
        between = [max(p[2:4]) >= 0.5 for p in classes]  # a byline or a caption
        titled = headline_of(lines[:first])
        story = "\n".join(line.text for line in lines[first:] if _sentence_like(line)).lower()
        # (never a sentence opened by a dateline, "VICTORIA — The province is extending …", nor one the
        # classifier reads as story with its full stop more than as a headline without it: a story's lead,
        # which reads a little as a headline without it; a headline some site ends with a full stop reads
        # surer as one without it)
        likely = [(t, -k) for k, t in enumerate(titled) if 2 <= lines[k].words <= options.headline_max_words and t >= classes[k][1]
                  and not (_opening(lines[k]) and (_dated(lines[k].text) or classes[k][0] >= max(0.5, t) and not _headline_cased(lines[k])))]
        # the earliest of equals of those that name something the story speaks of (a row of section
        # names reads as a headline too: "Hockey NHL Raptors Curling Soccer"); when none does, of
        # those with a word in lower case (a sentence, not a row of names), or else the headline is
        # looked for as when no line reads as one (below)
        related = [(t, k) for t, k in likely if t >= options.model_headline and not _unrelated(lines[-k].text, story)]
        best = max(related or [(t, k) for t, k in likely if _LOWER_WORD.search(lines[-k].text)], default=(0.0, 0))
        if best[0] >= options.model_headline:
            head = -best[1]
            if head > 0 and lines[head].start not in opens and lines[head - 1].start in opens:
                head -= 1  # a deck under its headline, in one paragraph
            return first, head
        # no line reads as a headline: the nearest line above the first sentence that is none of
        # what sits between a headline and its story (a byline, a caption, a sure chrome line, a
        # sentence the classifier was unsure of, a line of names)
        # (nor a line likely chrome that names nothing its first lines speak of: "Home & Garden" above a
        # story on a ferry, "Your town, your news, every day" above one whose later paragraphs
        # say "news"; a headline names what its lead tells, one of its words at least; but the text's
        # first line, which with nothing above it is its headline far more often than a tagline: not
        # one left first because the menu above it went, nor one the classifier is sure of a line
        # below it being chrome: a headline sits right above its story, ``top`` being where the text's
        # first line starts)
        lead = "\n".join(line.text for line in lines[first : first + 3]).lower()
        if any(chrome[1:first]):
            top = -1
        chrome = [c or line.start > top and p[1] >= options.masthead_near_chrome and _unrelated(line.text, lead) and not _dated(line.text)
                  for c, p, line in zip(chrome, classes, lines)]
        near = next((k for k in range(first - 1, -1, -1) if lines[k].words >= 2 and not chrome[k] and not _opening(lines[k])
                     and not _NAMES_LINE.match(lines[k].text) and not between[k]), None)
        if near is not None:
            return first, near
        chrome = [c or b for c, b in zip(chrome, between)]  # nor a byline or a caption
    else:
        chrome = other_script
    head = next((k for k in range(first) if (lines[k].words >= 6 or _LOWER_WORD.search(lines[k].text)) and not chrome[k]), None)
    if head is None:
        # none: the first line, or with the classifier, no headline above the first sentence
        head = next((k for k in range(first - 1, -1, -1) if lines[k].words >= 3 and not chrome[k]), first if options.line_model else 0)
    return first, head


def _dated(text: str) -> bool:
    """Whether ``text`` opens with a dateline: a place in capitals or an agency before its dash
    ("VICTORIA — …", "LAGOS (Reuters) - …", "DPA: …"), not a headline's name and colon ("Harris:
    Voters want a plan …", "Brexit: what the deal means")."""
    m = _DATELINE.match(text)
    return bool(m) and (m.group("a") is None or m.group("a").isupper() and len(m.group("a")) > 1 or dateline_agency(text) is not None)


def _opening(line: _Line) -> bool:
    """The story's first sentence: a line of eight words or more punctuated as a sentence."""
    return line.words >= 8 and bool(_SENTENCE_END.search(line.text)) or line.words >= 20


def _header(line: _Line) -> bool:
    """A comments or related-links header ("12 comments", "Read more about:")."""
    stripped = _stripped(line.text)
    return bool(_COMMENTS.match(stripped) or _LINKS.match(stripped))


def _headline(line: _Line) -> bool:
    """A line of a list of links: a headline, no sentence."""
    return line.words <= 20 and not _SENTENCE_END.search(line.text) and not line.text.endswith(":") and not _TABLE_ROW.match(line.text)


def _story_like(line: _Line) -> bool:
    """A line a reporter wrote, not a reader: a long punctuated sentence (or a paragraph of several
    sentences whose last words have no full stop: an author's note ending on a handle), not in the
    first or second person outside its quotations."""
    return (
        line.words >= 12
        and bool(_SENTENCE_END.search(line.text) or len(_SENTENCE_BREAK.findall(line.text)) >= 2)
        and not _PERSONAL.search(_QUOTED.sub(" ", line.text))
    )


# a row of a list of data, not a headline: it starts with a number or a date, or holds a score,
# a venue sign or several figures ("June 28 – Boston, MA @ Arena", "Palm Bay 18 22 13 17 — 70",
# "Leeds 2, Hull City 1"), or is a label and its figure ("Attendance: 18,204", "Turnout: 61.5 percent")
_FIGURE = r"^[^\W\d][\w'’ ]{0,30}:\s*[$€£]?\d[\d,.]*\s*(?:%|percent|per cent|[^\W\d]{0,12})$"
_SCORE = r"(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)\s+\d+,?\s+(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)\s+\d+\b"
_DATA_ROW = re.compile(
    r"^(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)|\s@\s|\d+\s*[-–—]\s*\d+|(?:\d+\D+){3,}"
    rf"|{_SCORE}|{_FIGURE}",
    re.I,
)
#: a row of data that is the story's even alone: a label and its figure, a score, a table row
_STORY_ROW = re.compile(rf"{_FIGURE}|{_SCORE}|^\s*\|", re.I)


def _link_list(lines: list[_Line], i: int, gone: set[int]) -> bool:
    """Whether ``lines[i]`` heads a list of links, whatever its wording: a short label without
    punctuation followed by three headlines or more (no sentence, no colon, no list bullet, no row
    of data). Only asked below the story's last paragraph: inside a story such a list is its own."""
    header = lines[i]
    if header.words > 5 or _SENTENCE_END.search(header.text) or header.text.endswith(":") or _LIST_ITEM.match(header.text):
        return False
    after = [line for line in lines[i + 1 : i + 4] if line.start not in gone]
    return len(after) == 3 and all(
        3 <= line.words <= 15 and _headline(line) and line.text[:1].isupper() and not _LIST_ITEM.match(line.text)
        and (line.words >= 5 or _LOWER_WORD.search(line.text)) and not _DATA_ROW.search(line.text)  # not a row of data
        for line in after
    )


def _lexicon_line(line: _Line, lexicon: _Lexicon, options: CleanOptions) -> bool:
    """A line the chrome lexicon names whole (a comment section's notes: "Powered by Commento",
    "Comments are pre-moderated."), or a comments header."""
    stripped = _stripped(line.text)
    return line.words <= options.whole_max_words and bool(
        lexicon.whole.fullmatch(stripped) or lexicon.marked.fullmatch(stripped) or _COMMENTS.match(stripped)
    )


def _story_follows(rest: list[_Line], comments: bool, chrome=None) -> bool:
    """Whether the lines after a comments or links header (and its headlines) go on with the story.
    After a links header: whenever a sentence follows (a widget in the middle of the story). After a
    comments header: unless reply buttons or time stamps follow, or most of the words are in lines
    a reader rather than a reporter wrote (short, or in the first or second person); lines the
    ``chrome`` test names (the section's own notes and prompts) are not counted."""
    if not comments:  # the story goes on right after the list, or a reporter's paragraph follows
        return _story_like(rest[0]) or any(line.words >= 20 and _SENTENCE_END.search(line.text) for line in rest) or (
            sum(_story_like(line) for line in rest) >= 2
        )
    if any(_COMMENT_MARK.match(_stripped(line.text)) for line in rest[:4]):
        return False
    if chrome is not None:
        rest = [line for line in rest if not (chrome(line) or _META.search(_QUOTED.sub(" ", line.text)))]
        if not rest:
            return False
    # (a remark signed by its reader is no reporter's line however it reads: "Dee from Carlow — Same
    # old story. They promise and nobody delivers.", "kiwi_mum42 said: Fair enough.")
    rest = [line for line in rest if not _signed_remark(line.text)]
    if not rest:
        return False
    if rest[0].words >= 25 or rest[0].words >= 12 and _story_like(rest[0]):
        return True  # a reporter's paragraph right after it: the header was a prompt inside the story
    total = sum(line.words for line in rest)
    return sum(line.words for line in rest if _story_like(line)) >= 0.5 * total


def _signed_remark(text: str) -> bool:
    """A reader's remark opening with its writer: a handle ("kiwi_mum42 said: …", "@dee_b …", "Oona R.
    2h …"), or a name with its place and a dash or colon ("Dee from Carlow — …", "Paul, Leeds: …")."""
    return len(text.split()) >= 3 and bool(_HANDLE_SIGN.match(text) or _NAME_SIGN.match(text))  # (a handle alone signs an embedded post)


# the parse that tells a story sentence from a call to the reader ("Register to vote by Friday, the
# board said." against "Register to read the full story.")
_SUBJECT = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_SITE_VOICE = frozenset({"you", "we", "us", "u"})
# (the reader's "us", not the "US" of a country)
_READER = re.compile(r"\b(?:[Yy]ou|[Yy]ours?|[Oo]ur|[Uu]s|[Ww]e|YOU|YOURS?|OUR|WE)\b")


def reads_as_story(lines: list[str], model: str | None = None, *, reporting: bool = False) -> list[bool]:
    """For each line: does it read as story? True when a sentence of it has a finite main verb with
    a subject that is not the site speaking to its reader ("we use cookies", "you may also like"),
    nor an "it"/"this" in a line that addresses the reader ("Sign up, it's free."), or a reporting
    clause with a subject of its own ("…, the board said"); with ``reporting``, only the latter, and
    reporting a clause (a reporter's line, not a reader's opinion: "X said the same thing …").
    Lines are parsed with ``model`` (tagger and parser only); without a model every line counts as
    story."""
    # a row of items between separators ("Help Centre · Manage Your Subscription · Gift Cards") is
    # parsed item by item: the parse reads a clause across the separators ("… Manage Your Subscription")
    items = [_items(line) for line in lines]
    docs = _parsed([text for parts in items for text in parts], model)
    if docs is None:
        return [True] * len(lines)
    docs = iter(docs)
    out = []
    for line, parts in zip(lines, items):
        reader = bool(_READER.search(_QUOTED.sub(" ", line)))
        readings = [next(docs) for _ in parts]
        out.append(any(not reporting and any(_finite_clause(sent.root, reader) for sent in doc.sents)
                       or any(_reports(t) and (not reporting or _reports_clause(t)) for t in doc) for doc in readings))
    return out


def _parsed(texts: list[str], model: str | None) -> list | None:
    """``texts`` parsed with ``model`` (tagger and parser only), or None without a model."""
    from .analyse import TAGGING, load_nlp
    from .errors import ConfigError

    try:
        nlp = load_nlp(model)
    except ConfigError:
        return None
    with nlp.select_pipes(enable=[p for p in (*TAGGING, "parser") if p in nlp.pipe_names]):
        return list(nlp.pipe(texts))


def reads_as_caption(lines: list[str], model: str | None = None) -> list[bool]:
    """For each line: is it written as a photo's caption, a scene shown rather than a story told?
    One sentence of 35 tokens at most, without quotation, a colon, first or second person or a
    reporting verb, that is a noun phrase placed by a preposition or a participle and without a
    finite verb ("The damaged signal box at Tranmoor junction after the derailment."), or a clause
    with a noun subject whose main verb is an action in the simple present, active or passive,
    without an auxiliary or a negation ("Swimmers brave the cold water at Garrow Cove.", "A
    ferry is towed into harbour."). A story tells in the past; its sentences in the present are
    mostly of states ("The plan includes …", "The fund is expected to …"), which do not count.
    Lines are parsed with ``model``; without a model no line counts."""
    docs = _parsed(lines, model) if lines else []
    return [False] * len(lines) if docs is None else [_scene(doc) for doc in docs]


def _scene(doc) -> bool:
    sentences = list(doc.sents)
    if len(sentences) != 1 or len(doc) > 35 or _QUOTED.search(doc.text) or ":" in doc.text or any(t.lower_ in _FIRST_SECOND and t.text != "US" for t in doc):
        return False  # (a label and what it labels: "Claim: A video shows …")
    if any(_reports(t) or t.lemma_ in _REPORTING and t.pos_ == "VERB" or t.lower_ == "according" for t in doc):
        return False
    root = sentences[0].root
    if root.pos_ in ("NOUN", "PROPN") or root.tag_ == "VBN" and not any(c.dep_ in _SUBJECT or c.dep_.startswith("aux") for c in root.children):
        # a noun phrase (or a bare participle: "Pictured at the launch on Friday."), placed; with one
        # participle at most (a second is a main verb the small parse misread: "The hearing, led by
        # Justice X of the High Court, heard from paramedics."); a finite verb only in one relative
        # clause of it ("The old mill, where the fire started in 1998.")
        described = [t for t in doc if t.dep_ == "relcl"]
        inside = {t.i for c in described[:1] for t in c.subtree}
        return (len(described) <= 1 and not any(t.tag_ in FINITE_TAGS and t.i not in inside for t in doc)
                and sum(not t.is_punct for t in doc) >= 4
                and any(t.dep_ in ("prep", "acl", "relcl") for t in root.subtree) and sum(c.dep_ == "acl" for c in root.children) <= 1)
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ == "PRON" or root.lemma_ in _STATIVE or any(map(_past, doc)):
        return False  # (nor a present with a past told in it: "The new depot sits on land the town bought in 2019.")
    if root.lemma_ in _POSTURE and any(t.lower_ in _STANDING or t.ent_type_ in ("ORDINAL", "PERCENT") for t in root.subtree):
        return False  # a standing in a table or a poll told with a verb of posture: "The Rovers sit third in the league."
    helpers = [c for c in root.children if c.dep_ in ("aux", "auxpass", "neg")]
    if root.tag_ in ("VBZ", "VBP") or root.tag_ == "VB" and subject.pos_ in ("NOUN", "PROPN"):
        return not helpers  # (a plural subject's verb the small tagger reads as a base form: "Ferrymen haul …")
    return (root.tag_ == "VBN" and len(helpers) == 1 and helpers[0].dep_ == "auxpass" and helpers[0].tag_ in ("VBZ", "VBP")
            and root.lemma_ not in _STATED)


def _past(token) -> bool:
    """A verb in the past tense: tagged so, or a participle with a subject of its own and no auxiliary
    (the small tagger's reading of "bought" in "land the town bought")."""
    return token.tag_ == "VBD" or token.tag_ == "VBN" and any(c.dep_ == "nsubj" for c in token.children) and not any(
        c.dep_.startswith("aux") for c in token.children)


_FIRST_SECOND = frozenset("i we you my our your me us".split())
#: verbs of states, plans and opinions: what a story's sentences in the present are mostly of
_STATIVE = frozenset(
    "be have include remain expect plan want need seem mean contain cost own know believe think hope appear represent "
    "continue require allow involve depend belong consist lack like love hate prefer wish face come suggest estimate show".split()
)
#: verbs of posture that also tell a standing ("sit two points clear", "stand at 41 per cent") ...
_POSTURE = frozenset("sit stand lie rank hover trail lead top".split())
#: ... when one of these words (or an ordinal, a percentage) tells it
_STANDING = frozenset("spot place position points point table standings ranking rankings seed lead clear cent percent % top bottom".split())
#: ... and in the passive ("The vote is scheduled for May.", "The firm is based in Leeds.")
_STATED = frozenset("schedule set slate locate base consider estimate make give hold see use call name know believe expect require allow".split())


def _items(line: str) -> list[str]:
    """The items of a row parted by separators (three or more, none a sentence, of five words at
    most each), or the line itself."""
    parts = _SEPARATED.split(line.strip())
    if len(parts) >= 3 and all(1 <= len(part.split()) <= 5 and not _SENTENCE_END.search(part) for part in parts):
        return parts
    return [line]


_SEPARATED = re.compile(r"\s+[|·•]\s+")


def _finite_clause(root, reader: bool) -> bool:
    subject = next((c for c in root.children if c.dep_ in _SUBJECT), None)
    if _generalisation(root, subject):
        return True
    if not finite(root) or subject is None:
        return False
    if any(t.is_punct and ":" in t.text for t in root.doc[min(subject.i, root.i) : max(subject.i, root.i)]):
        return False  # a label and what it labels, misread as a clause across the colon ("Head office: 4 Quay Street, Leeds …")
    if reader and sum(not t.is_punct for t in root.sent) <= 4:
        return False  # a line that addresses the reader signs off short: "Every gift helps.", "Thanks, it matters."
    word = subject.lower_ if subject.text != "US" else subject.text  # the country, not the reader's "us"
    if word in _SITE_VOICE or reader and word in ("it", "this", "that", "there"):
        return False
    # the page speaking of itself: "This story has been updated", "Our website uses cookies", "An
    # earlier version of this article gave …" (not "An earlier version of the bill …")
    if subject.lemma_.lower() in ("version", "edition", "rest", "remainder", "part"):  # (… "the rest of this story is for subscribers")
        subject = next((g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), subject)
    determiner = {c.lower_ for c in subject.children if c.dep_ in ("det", "poss")}
    if subject.lemma_.lower() in _PAGE_NOUNS and determiner & {"this", "our", "your"}:
        return False
    # ... or saying what it is, under its name: "Tidewater Brief is a reader-funded newsletter."
    if root.lemma_ == "be" and subject.pos_ == "PROPN" and any(c.dep_ == "attr" and c.lemma_.lower() in _PAGE_NOUNS for c in root.children):
        return False
    # ... or of its parts being edited: "The caption was amended to name …", "The photo was changed"
    return not (subject.dep_ == "nsubjpass" and root.lemma_ in _EDITED and subject.lemma_.lower() in _PAGE_PARTS)


_EDITED = frozenset("update correct amend clarify change edit".split())
_PAGE_PARTS = frozenset("headline caption photo photograph graphic image".split())


def _generalisation(root, subject) -> bool:
    """A conditional the story tells its reader as a rule of the world it reports: the main clause
    to "you" or in the imperative, under an "if"/"when" clause whose subject is someone or something
    else than the reader or the page, and nothing of the page or of what a reader does on it named
    ("If your team does well, you'll do well.", "If the harvest fails, expect dearer bread."; not
    "If you need help, call …", "If this was helpful, share it.")."""
    if not (subject is None and root.tag_ == "VB" or subject is not None and subject.lower_ == "you"):
        return False
    if _PAGE_TALK.search(root.sent.text):
        return False
    for clause in root.children:
        if clause.dep_ != "advcl" or not finite(clause):
            continue
        opener = {c.lower_ for c in clause.children if c.dep_ in ("mark", "advmod")}
        own = next((c for c in clause.children if c.dep_ in _SUBJECT), None)
        if opener & _CONDITION and own is not None and own.lower_ not in _NOT_THIRD:
            return True
    return False


def _reports(token) -> bool:
    """A reporting clause with a subject of its own, wherever the parse put it ("…, the board said")."""
    return token.lemma_ in _REPORTING and token.tag_ in FINITE_TAGS and any(
        c.dep_ in _SUBJECT and c.lower_ not in _SITE_VOICE for c in token.children
    )


def _reports_clause(token) -> bool:
    """A reporting verb that reports a clause ("Moreno said that …", "…, she said"), not a thing
    ("said the same thing")."""
    return token.dep_ == "parataxis" or any(c.dep_ == "ccomp" for c in token.children)


_REPORTING = frozenset("say tell add announce report state explain warn write claim note confirm insist urge".split())

#: what a page calls itself ("this article was originally published …")
_PAGE_NOUNS = frozenset("article story post report piece page site website content video material newsletter column blog feed app publication podcast".split())

_CONDITION = frozenset({"if", "when", "whenever", "unless", "once"})
_NOT_THIRD = frozenset({"you", "we", "i", "u", "this", "that", "these", "those"})
#: what a page or a reader's use of it is called in a note to the reader
_PAGE_TALK = re.compile(
    rf"\b(?:{'|'.join(sorted(_PAGE_NOUNS))}|articles|stories|videos|pages|newsletters|inbox|e-?mail|link|links|browser|app|"
    r"subscri\w*|sign(?:ed|ing)? (?:up|in)|log(?:ged|ging)? ?in|register\w*|click\w*|tap|download\w*|share|follow|comment\w*|"
    r"visit|contact|donat\w*|read|reading|watch|listen|please|our|us|help|support|call|text|offer|free|try again|re(?:fresh|load)\w*)\b",
    re.I,
)


def _caption(record: Record, block: _Block, text: str, options: CleanOptions, drop) -> bool:
    """Detect a caption or credit paragraph; record it and return True if it is one."""
    start, end = block.start, block.end
    para = text[start:end]
    words = sum(line.words for line in block.lines)
    if words > options.caption_max_words:
        return False
    gallery = _GALLERY.match(para)
    if _EMBED_SIGNATURE.search(para) and not _EMBED_SIGNATURE.match(para.strip()):
        return False  # an embedded post, its words then its signature: what someone posted, quoted
    m = _CREDIT_END.search(para)
    if m:
        a = m.start()
        span = credit_span(para) if options.line_model else None
        if span and span[0] < m.end() and span[1] > a:  # the finder's span reaches further back ("Name/PA Wire")
            a = min(a, span[0])
        credit_start = start + a
        credit = _credit_name(para[a : m.end()]) or ""
        if credit_start == start or (gallery and credit_start == start + gallery.end()):  # only a credit
            drop(start, end, "credit")
            return True
        before = text[start:credit_start].rstrip()
        # a label or an agency in brackets is a credit after a caption with no full stop: "(Image: PA)", "(Getty)"
        # (not after someone's words: "… police said (Reuters)" is a wire's sentence that lost its stop)
        agency = _AGENCY_BRACKET.fullmatch(m.group().strip())
        labelled = m.group()[:1] in "([" and (_BRACKET_LABEL.match(m.group()) or agency and not _TOLD.search(before))
        if not gallery and not labelled and not _TERMINAL.search(before) and not before.endswith(","):
            return False  # "… met John Smith/AP" mid-sentence: not a credit
        if _BRACKET_NAMES.fullmatch(m.group().strip()) and not agency and _ABBREVIATION.search(before):
            return False  # a name in brackets after an abbreviation's full stop: "… Inc. (Canada)", "A (Spain) vs. B (U.S.)"
        drop(start, start + len(before), "caption")
        drop(credit_start, end, "credit")
        record.captions.append(Caption(start, end, credit))
        return True
    if gallery or _POSITION.search(para) or _FILE_PHOTO.match(para) or _CAPTION_OPENING.match(para):
        _drop_caption(record, start, para, credit_span(para) if options.line_model else None, drop)  # a credit no pattern knows
        return True
    return False


#: a credit after a caption's last sentence or behind a dash: "… on Saturday. PHOTO: DANA ROURKE", "… — AFP"
_CREDIT_TAIL = re.compile(r"(?:(?<=[.!?])\s+|\s+[—–]\s*|\s+-{1,2}\s+)(?P<credit>[^.!?\n]{2,80}?)\s*$")


def _credit_of(text: str, learned: bool = True) -> tuple[int, int] | None:
    """(start, end) of the credit in caption ``text``: the span the credit finder
    (:mod:`newsgraph.credits`, when ``learned``) takes for one; else one of the credit patterns
    at its end; else a short run of names or capitals after its last sentence or a dash."""
    if learned and (span := credit_span(text)) is not None:
        return span
    m = _CREDIT_END.search(text)
    if m:
        return m.start(), m.end()
    m = _CREDIT_TAIL.search(text)
    if m and len(m.group("credit").split()) <= 10 and all(
        w[:1].isupper() or w[:1] in "/(@" or w in _CREDIT_WORDS or w in ("via", "photo", "image", "file")
        for w in m.group("credit").split()
    ):
        return m.start("credit"), m.end("credit")
    return None


def _credit_name(credit: str) -> str | None:
    """A credit as the record keeps it: without its brackets and label ("(Photo: Ana Reis)" → "Ana Reis")."""
    return _CREDIT_LABEL.sub("", _STRIP.sub("", credit) if credit.startswith(("(", "[")) else credit.strip(" \t,;—–-")) or None


def _model_caption(record: Record, line: _Line, drop) -> None:
    """A line the line classifier takes for a caption: dropped as such, its credit found by
    :func:`_credit_of`."""
    _drop_caption(record, line.start, line.text, _credit_of(line.text), drop)


def _drop_caption(record: Record, start: int, caption: str, span: tuple[int, int] | None, drop) -> None:
    """Drop the caption ``caption`` found at ``start``: its credit (``span``, in the caption, if
    any) as ``credit``, the rest as ``caption``; record it with the credit's name."""
    end = start + len(caption)
    credit = None
    if span:
        a, b = start + span[0], start + span[1]
        credit = _credit_name(caption[span[0] : span[1]])
        drop(start, a, "caption")
        drop(a, b, "credit")
        drop(b, end, "caption")
    else:
        drop(start, end, "caption")
    record.captions.append(Caption(start, end, credit))


def _byline(record: Record, block: _Block, text: str, from_end: int, drop) -> bool:
    """Detect a byline, contributor line, sign-off or author's note; drop it as ``byline`` and take
    its names as the author when the page gave none. ``from_end``: 1 for the last paragraph."""
    para = text[block.start : block.end]
    words = sum(line.words for line in block.lines)
    if words > 40:
        return False
    end = from_end <= 2 or block.start > 0.6 * len(text)  # where an author's note stands
    name = _by_name(para) if words <= 20 else None
    if name is None and words <= 20:
        name = _parted(para)
    if name is None:
        if (m := _ORG_LINE.match(para)) and words <= 12 and not _SENTENCE_END.search(para.rstrip(".")) and _bylinish(m.group("org")):
            name = m.group("name")
        elif (m := _SIGNED.match(para)) and words <= 6:
            name = m.group("name") or m.group("handle")
        elif words <= 12 and (dated := _dated_name(para)):
            name = dated
        elif not (
            _CONTRIBUTED.match(para)
            or words <= 25 and _credited(para)
            or words <= 5 and _ROLE_LINE.match(para)
            or end and words <= 14 and _contributors(para)
            or words <= 9 and _agency_codes(para)
            or end and _INITIALS.match(para.strip())
            or end and words <= 35 and (_BIO.match(para) or _ABOUT.match(para))
            or _agency_line(para)
        ):
            return False
    drop(block.start, block.end, "byline")
    _set_author(record, name)
    return True


def _signed(para: str) -> bool:
    """A line a credit test would take for a photo's credit that is a byline first: names or an
    agency under "By", "With … inputs", "Source:" ("By Ana Ruiz. Photos by Li Wei", "(With AFP
    inputs)", "Source: AFP/kl")."""
    return bool(_BYLINE.match(para) or _parted(para) or _CONTRIBUTED.match(para) or _SOURCE.match(para) and _agency_line(para))


def _parted(para: str) -> str | None:
    """The names of a byline in parts, each a "By …" byline, a credit of roles and names or a name
    (the outlet's), one of them a byline ("By Ana Ruiz. Photos by Li Wei", "Harbour FM / By Ana Ruiz")."""
    parts = _PARTS.split(para)
    names = [_by_name(part) for part in parts]
    if len(parts) > 1 and any(names) and all(
        name or _credited(part) or len(part.split()) <= 4 and all(w[:1].isupper() for w in part.split()) for name, part in zip(names, parts)
    ):
        return next(name for name in names if name)
    return None


def _by_name(para: str) -> str | None:
    """The names of a "By …" byline, without the organisation after them ("By A and B, Associated
    Press"), or None."""
    m = _BYLINE.match(_STAMPED.sub(" | ", para))  # "By Ana Ruiz Published 15 January 2025"
    if not (m and _bylinish(m.group("rest") or "")):
        return None
    parts = m.group("name").split(",")
    while len(parts) > 1 and (_NEWS.search(parts[-1]) or _agency_line(parts[-1])):
        parts.pop()
    return ",".join(parts)


#: a byline's parts: "By Ana Ruiz. Photos by Li Wei", "Words: A; pictures: B"
_PARTS = re.compile(r"(?<=[a-z])\.\s+(?=[A-Z])|\s*;\s*|\s+[/|]\s+(?=By\b)")
#: the date stamp a byline may run into: "By Ana Ruiz Published 15 January 2025"
_STAMPED = re.compile(r"\s+(?=(?:Published|Updated|Posted|Last updated)\b)")


def _set_author(record: Record, name: str | None) -> None:
    if name and record.author is None:
        record.author = _ROLE_TAIL.sub("", name).strip(" ,") or None


def _credited(para: str) -> bool:
    """A credit line of roles and names: "Reporting by A in Sofia; Editing by B", "Story by A",
    "Reuters reporting by A; writing by B", "Words: A"."""
    m = _ROLE.match(para)
    if not m:
        return False
    rest = para[m.end() :]
    names = _WORD_CAPS.findall(rest)
    return any(w[0].isupper() for w in names) and all(
        w[0].isupper() or w.lower() in _CREDIT_WORDS or _ROLE_WORD.fullmatch(w) for w in names
    )


_ROLE_WORD = re.compile(
    r"(?i:reporting|reported|writing|written|editing|edited|story|analysis|words|text|posted|compiled|produced|"
    r"interview|research|photography|photos?|pictures?|videos?|graphics|illustrations?|fact-checking|additional|"
    r"further|design|data|editors?|reporters?|writers?|authors?|correspondents?|producers?)"
)
_ROLE = re.compile(rf"^[(\[]?(?:[\w.-]+\s){{0,2}}{_ROLE_WORD.pattern}(?:\s+{_ROLE_WORD.pattern})?\s*(?:by\b|:)\s*(?=[A-Z])")
_CREDIT_WORDS = frozenset({"and", "by", "in", "with", "from", "for", "of", "the", "at", "de", "van", "von", "al"})
_SIGNED = re.compile(rf"^(?:[—–-]+\s*(?P<name>[A-Z][\w.'’-]*\s+{_PERSON_RUN})|(?P<handle>[A-Z][\w.'’-]*\s+{_PERSON_RUN})\s+@\w+)$")
_ROLE_LINE = re.compile(
    rf"^(?:(?:[A-Z][\w.&'’-]*|and|of|the)\s+){{0,3}}(?:{_NEWS_WORD}|(?i:staff|writer|reporter|correspondent|bureau|desk))s?$|"
    r"^(?i:staff (?:writer|reporter)|from staff reports|(?:\()?with (?:(?:agency )?inputs(?: from)? |agency |wire )?"
    r"(?:agencies|wires?|wire (?:services|reports)|reports|inputs)(?:\))?|by staff|wire reports?|agencies|news agencies|agency reports)\.?$"
)
_ABOUT = re.compile(r"^(?:About the (?:author|writer)s?\b|The (?:writer|author|columnist|reporter)s? (?:is|was|are|has)\b)[^\n]*$")
# a reporter's name and a date or place, the way many sites head a story: "Ana Ruiz | 3 March 2024",
# "Ana Ruiz · 12/05/2023 10:41", "ANA RUIZ, Lima" (a name in capitals, a given name first, and the place
# it was filed from; not a dateline's "LITTLE ROCK, Ark.")
_NAME_DATE = re.compile(rf"^(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})\s*(?:\||•|·|–|—|/|,)\s*(?P<rest>[\w.:/, -]{{4,60}})$")
_NAME_THEN_DATE = re.compile(
    rf"^(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}?)\s+(?P<rest>(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\s+\d)[\w.:/, -]{{2,40}})$"
)
_NAME_PLACE = re.compile(r"^(?P<name>[^\W\d_][\w'’.-]+(?:\s+[^\W\d_][\w'’.-]*){1,3}),\s+(?P<place>[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*){0,2})$")
_CAPS_NAME_THEN_PLACE = re.compile(r"^(?P<name>[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){1,2})\s+(?P<place>[A-Z][A-Z'’.-]+)$")
_CAPS_NAME_PLACE = re.compile(r"^(?P<name>[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){1,3}),\s+(?P<place>[A-Z][a-z][\w.'’-]*(?:\s+[A-Z][a-z][\w.'’-]*){0,2})$")
_DIGIT_DATE = re.compile(r"^\d{1,4}([/.-])\d{1,2}\1\d{2,4}(?:,?\s+\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?)?$", re.I)
#: the initials of the staff who handled a story, as a wire signs off below it: "ra/tk", "ABR/TMS"
_INITIALS = re.compile(r"^(?:[a-z]{2,4}(?:/[a-z]{2,4})+|[A-Z]{2,4}(?:/[A-Z]{2,4})+)$")
# an agency's sign-off with the initials of the staff who handled the story: "PTI ABC DEF"
_AGENCY_CODES = re.compile(r"^(?P<agency>[A-Z]{2,5})(?:\s+[A-Z]{2,4}){1,8}$")
# a bare contributor line at a story's end: "The Associated Press contributed.", "Bloomberg's Ana Ruiz and
# Li Wei contributed." (names and organisations only before the verb)
_CONTRIBUTED_BARE = re.compile(
    r"^[(\[—–-]*\s*(?:[A-Z][\w.&'’-]*|and|&|of|the|from|in)(?:\s+(?:[A-Z][\w.&'’-]*|and|&|of|the|from|in)){0,9}\s+"
    r"(?:also |additionally )?contributed\.?[)\]]?$"
)


_ROLE_TAIL = re.compile(r"(?:\s+(?:Staff|Senior|Chief|Political|Special|Contributing|Freelance|Investigative)?\s*"
                        r"(?:Writer|Reporter|Correspondent|Editor|Columnist|Contributor|Journalist)s?)+$")


def _bylinish(rest: str) -> bool:
    """What follows the names in a byline: an organisation, a role, a date; no lower-case sentence."""
    for word in _WORD_CAPS.findall(rest):
        if not (word[0].isupper() or word.lower() in ("and", "of", "the", "for", "at", "in", "on", "de", "staff") or _DATEISH.match(word)):
            return False
    return True


def _dated_name(para: str) -> str | None:
    """The reporter's name of a line that is a name and a date ("Ana Ruiz | 3 March 2025", "Ana Ruiz
    March 5, 2025") or a name, a given name first, and the place it was filed from ("ANA RUIZ, Lima",
    "Ana Ruiz, Lima"), else None."""
    if (m := _NAME_DATE.match(para)) and _stamp(m.group("rest")):
        return m.group("name")
    def given_first(m: re.Match | None) -> bool:
        return m is not None and m.group("name").split()[0].lower() in given_names()

    if given_first(m := _NAME_THEN_DATE.match(para)) and _stamp(m.group("rest")):  # "Ana Ruiz March 5, 2024"
        return m.group("name")
    if given_first(m := _CAPS_NAME_PLACE.match(para)):
        return m.group("name").title()  # "ANA RUIZ, Lima"
    # in title case, or in capitals without the comma, the place must be one of the gazetteer's:
    # "Ana Ruiz, Lima", "ANA RUIZ LIMA" (not a subheading "Grace Period, Extended")
    if given_first(m := _NAME_PLACE.match(para) or _CAPS_NAME_THEN_PLACE.match(para)):
        from .gazetteer import lookup

        if lookup(m.group("place").title()) is not None:
            return m.group("name") if m.re is _NAME_PLACE else m.group("name").title()
    return None


def _contributors(para: str) -> bool:
    """A bare contributor line: names or an organisation that "contributed." (two capitalised words
    at least, or an agency's or a newsroom's name: "The Council contributed." may be the story's)."""
    if not _CONTRIBUTED_BARE.match(para):
        return False
    names = [w for w in _WORD_CAPS.findall(para) if w[0].isupper() and w != "The"]
    return len(names) >= 2 or any(_agency_line(w) or _NEWS.fullmatch(w) for w in names)


def _agency_codes(para: str) -> bool:
    """An agency's sign-off: its name and the initials of the editors who handled the story ("PTI ABC DEF")."""
    m = _AGENCY_CODES.match(para.strip())
    return bool(m) and m.group("agency").lower() in agencies()


def _agency_line(para: str) -> bool:
    """A paragraph that is only an agency's name ("The Associated Press", "— AFP"), agencies' names
    joined ("AFP-Xinhua", "AFP/Reuters"), or a source line naming one, with an editor's initials
    ("Source: AFP/kl") or the place it filed from ("PTI, Mumbai")."""
    written = _STRIP.sub("", _SOURCE.sub("", para.strip()))
    if written.lower() in agencies():
        return True
    parts = _JOINED.split(written)
    return len(parts) > 1 and parts[0].lower() in agencies() and all(
        part.lower() in agencies() or n == len(parts) - 1 and (part.islower() and len(part) <= 3 or len(parts) == 2 and _PLACE_WORDS.fullmatch(part))
        for n, part in enumerate(parts))


_PLACE_WORDS = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}")  # a place of one to three capitalised words: "Dhaka", "New Delhi"


_SOURCE = re.compile(r"^(?:Source|Sources|Via)\s*:\s*", re.I)
_JOINED = re.compile(r"\s*[-/]\s*|\s+and\s+|\s*,\s*")


def _agency_of(text: str, paragraphs: list[tuple[int, int]], options: CleanOptions) -> str | None:
    """The agency of the dateline in the first paragraphs, as :func:`_front_matter` looks for it; of
    datelines on lines of their own one after another, the last: the one over the story."""
    alone = None
    for n, (start, end) in enumerate(paragraphs[: options.masthead_lines]):
        para = text[start:end]
        if _dateline_alone(para):
            alone = dateline_agency(para) or alone
            continue
        if agency := dateline_agency(para) or alone:
            return agency
        if n >= options.dateline_blocks and len(_WORD.findall(para)) >= 8 and _SENTENCE_END.search(para):
            return None
    return alone


def _front_matter(record: Record, paragraphs: list[tuple[int, int]], options: CleanOptions) -> None:
    text = record.text
    # the dateline opens the story: it is looked for in the first paragraphs, and on to the story's
    # first sentence when lines of chrome the rules left stand above it
    for n, (start, end) in enumerate(paragraphs[: options.masthead_lines]):
        para = text[start:end]
        if record.agency is None:
            record.agency = dateline_agency(para)
        if record.published is None:
            record.published = date_line(para)
        if n >= options.dateline_blocks and (len(_WORD.findall(para)) >= 8 and _SENTENCE_END.search(para) or record.agency):
            break
    if record.title is None and len(paragraphs) > 1:
        start, end = paragraphs[0]
        first = text[start:end]
        words = len(_WORD.findall(first))
        if "\n" not in first and 3 <= words <= 25 and not first.endswith(".") and not _DATELINE.match(first):
            record.title = first


_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_DATE_LINE = re.compile(
    r"^(?:(?:published|posted|updated)(?: on)?:?\s*)?(?:[A-Z][a-z]+day,?\s*)?"
    r"(?:(?P<y1>\d{4})-(?P<m1>\d{2})-(?P<d1>\d{2})"
    r"|(?P<mon2>[A-Z][a-z]{2,8})\.? (?P<d2>\d{1,2}),? (?P<y2>\d{4})"
    r"|(?P<d3>\d{1,2}) (?P<mon3>[A-Z][a-z]{2,8})\.?,? (?P<y3>\d{4}))"
    r"(?:[ ,]+(?:at )?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?: [A-Z]{2,4})?)?\s*$",
    re.I,
)


def date_line(paragraph: str) -> str | None:
    """The ISO date of a paragraph that is only a date ("June 01, 2009", "16 September 2024")."""
    m = _DATE_LINE.match(paragraph.strip())
    if not m:
        return None
    import datetime as dt

    if m.group("y1"):
        y, mo, d = int(m.group("y1")), int(m.group("m1")), int(m.group("d1"))
    else:
        y, d = int(m.group("y2") or m.group("y3")), int(m.group("d2") or m.group("d3"))
        mo = _MONTHS.get((m.group("mon2") or m.group("mon3"))[:3].lower(), 0)
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def _dateline_alone(line: str) -> bool:
    """A dateline with nothing after it on its line: "WASHINGTON (AP) --", "NAIROBI, Kenya (AP) _"."""
    m = _DATELINE.match(line)
    return bool(m) and not line[m.end() :].strip(" \t-–—_:|")


def dateline_agency(paragraph: str) -> str | None:
    """The agency credited by a dateline at the start of ``paragraph``, normalised, or None."""
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    written = (m.group("a") or m.group("b") or m.group("c") or m.group("d") or m.group("e")).strip()
    known = agencies().get(written.lower()) or _agency_within(written)
    if known:
        return known
    if m.group("e"):
        return None
    if m.group("d"):  # no dash: an unlisted agency only in capitals after a place and a date
        return written if _ACRONYM.match(written) and _DATED.search(paragraph[: m.start("d")]) else None
    if _CALL_SIGN.match(written):
        return None  # "SPOKANE (KXQT) —": a broadcaster's own call sign, no agency
    if m.group("a") is None and (_ACRONYM.match(written) or _NEWS_ORG.match(written) and not _NOT_AGENCY.match(written)):
        return written  # "(CNN) —", "/BTA/", "(Kyodo News) -": an unlisted agency in dateline position
    return None


# in dateline position, a name of one to four capitalised words before the dash credits an outlet
_NEWS_ORG = re.compile(r"^[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3}$")
#: a North American broadcaster's call sign: "KDVR", "WGN-TV"
_CALL_SIGN = re.compile(r"^[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?$")
_NOT_AGENCY = re.compile(r"^(?:Update[ds]?|Corrected|Correction|Live|Video|Photos?|Watch|Listen|Analysis|Opinion|Exclusive|Breaking|Reuters Breakingviews)\b.*|.*\d.*")


def _agency_within(written: str) -> str | None:
    """A listed agency named inside a longer credit: "Thomson Reuters Foundation", "AP Photo",
    "Yonhap News Agency" (the longest listed name that is a run of its words)."""
    words = written.split()
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            known = agencies().get(" ".join(words[i : i + n]).lower())
            if known:
                return known
    return None

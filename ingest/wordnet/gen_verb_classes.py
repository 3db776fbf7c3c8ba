#!/usr/bin/env python3
"""Reads WordNet 3.0's database files and writes the verb-class table the extractor
embeds (ingest/verb_classes.cc): which verbs name an attack, a criticism, a sanction,
a meeting or a threat, in every inflected form, and the nouns of those acts.

usage: gen_verb_classes.py WORDNET_DIR SEEDS.tsv OUT.cc

OUT.cc defines sg::ingest::kVerbClassTable, the table below as one string.

Seeds (verb_classes.tsv beside this script) name synsets as lemma%sense. A class holds
the seed lemmas and every lemma whose most frequent or second sense lies inside a seed
synset or its troponyms (WordNet's "~" pointers between verbs) down to the seed's
depth. Output
lines, tab-separated:
    F  form  particle  RELATION  kind  -- an inflected form of a class verb ("shelled",
                                          "overran", "gunned" + "down"); kind: b(are),
                                          s (third person), d (past), g (-ing); bare and -s
                                          forms only of verbs WordNet's tagged corpus uses at
                                          least as often as a verb as in any other part of
                                          speech, so that "bomb" and "raids" stay nouns
    N  noun   RELATION         -- a noun of an act derived from a class verb (WordNet's
                                  "+" links into noun.act): "bombardment", "expulsion"
"""
import collections
import os
import sys

MAX_RANK = 2


def read_index(path):
    """lemma -> synset offsets in sense order."""
    index = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split()
            pointer_count = int(fields[3])
            index[fields[0]] = fields[4 + pointer_count + 2:]
    return index


def read_data(path):
    """offset -> (lemmas, troponym offsets, derived nouns as (offset, word number),
    lexicographer file)."""
    synsets = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split(" | ")[0].split()
            count = int(fields[3], 16)
            lemmas = [fields[4 + 2 * i].lower() for i in range(count)]
            at = 4 + 2 * count
            troponyms, derived = [], []
            for j in range(int(fields[at])):
                symbol, offset, pos, words = fields[at + 1 + 4 * j: at + 5 + 4 * j]
                if symbol == "~" and pos == "v":
                    troponyms.append(offset)
                elif symbol == "+" and pos == "n":
                    derived.append((offset, int(words[2:], 16)))
            synsets[fields[0]] = (lemmas, troponyms, derived, fields[1])
    return synsets


def usage_counts(path):
    """(lemma, pos digit) -> tagged-corpus count, from cntlist.rev."""
    counts = collections.Counter()
    with open(path, encoding="latin-1") as f:
        for line in f:
            key, _, count = line.split()
            lemma, _, rest = key.partition("%")
            counts[(lemma, rest[0])] += int(count)
    return counts


def closure(synsets, seed, depth):
    found, frontier = {seed}, [seed]
    for _ in range(depth):
        frontier = [t for s in frontier for t in synsets[s][1] if t not in found]
        found.update(frontier)
    return found


def inflections(verb, irregular):
    """(form, kind) of an English verb: bare, -s, past (WordNet's exceptions, else the
    regular spellings, doubled final consonant included) and -ing."""
    vowels = "aeiou"
    cvc = len(verb) > 2 and verb[-1] not in vowels + "wxy" and verb[-2] in vowels and verb[-3] not in vowels
    forms = [(verb, "b")]
    if verb.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.append((verb + "es", "s"))
    elif verb.endswith("y") and len(verb) > 1 and verb[-2] not in vowels:
        forms.append((verb[:-1] + "ies", "s"))
    else:
        forms.append((verb + "s", "s"))
    past = [f for f in irregular if not f.endswith("ing")]
    if not past:
        if verb.endswith("e"):
            past = [verb + "d"]
        elif verb.endswith("y") and len(verb) > 1 and verb[-2] not in vowels:
            past = [verb[:-1] + "ied"]
        else:
            past = [verb + "ed"] + ([verb + verb[-1] + "ed"] if cvc else [])
    forms += [(p, "d") for p in past]
    stem = verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb
    forms.append((stem + "ing", "g"))
    if cvc:
        forms.append((verb + verb[-1] + "ing", "g"))
    return forms


def usable(lemma):
    """One word, or a verb and one more word ("gun down", "open fire")."""
    return len(lemma.split("_")) <= 2


def main():
    wordnet, seeds_path, out_path = sys.argv[1:4]
    index = read_index(os.path.join(wordnet, "index.verb"))
    synsets = read_data(os.path.join(wordnet, "data.verb"))
    nouns = read_data(os.path.join(wordnet, "data.noun"))
    counts = usage_counts(os.path.join(wordnet, "cntlist.rev"))
    classes, dropped, dropped_nouns, seed_class = collections.defaultdict(set), set(), set(), {}
    with open(seeds_path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            fields = line.rstrip("\n").split("\t")
            if not line.strip() or line.startswith("#"):
                continue
            if fields[0] in ("drop", "dropnoun"):
                (dropped if fields[0] == "drop" else dropped_nouns).add(fields[1].replace(" ", "_"))
                continue
            lemma, _, sense = fields[2].partition("%")
            offsets = index.get(lemma, [])
            if fields[0] != "class" or not sense.isdigit() or int(sense) > len(offsets):
                sys.exit(f"{seeds_path}:{n}: no verb sense {fields[2]!r} in WordNet")
            depth = int(fields[3]) if len(fields) > 3 else 3
            seed_class.setdefault(lemma, fields[1])
            classes[fields[1]] |= closure(synsets, offsets[int(sense) - 1], depth)
    rows, derived_nouns, irregular = [], {}, collections.defaultdict(list)
    with open(os.path.join(wordnet, "verb.exc"), encoding="latin-1") as f:
        for line in f:
            form, lemma = line.split()[:2]
            irregular[lemma].append(form)
    for lemma, offsets in index.items():
        if lemma in dropped or not usable(lemma):
            continue
        best = seed_class.get(lemma)  # else the class of its most frequent sense with one
        sense = None
        for offset in offsets[:MAX_RANK]:
            hits = [rel for rel, found in sorted(classes.items()) if offset in found]
            if hits and (best is None or hits[0] == best):
                best, sense = hits[0], offset
                break
        if best and sense:
            for noun_offset, word in synsets[sense][2]:
                noun_words, _, _, lexfile = nouns[noun_offset]
                noun = noun_words[word - 1] if word > 0 else None
                if noun and lexfile == "04" and noun not in dropped_nouns and "_" not in noun:  # noun.act
                    derived_nouns.setdefault(noun, best)
        if best:
            other = max(counts[(lemma, pos)] for pos in "1345")
            verbish = counts[(lemma, "2")] >= other
            verb, _, particle = lemma.partition("_")
            for form, kind in inflections(verb, irregular.get(verb, [])):
                if verbish or kind in "dg":
                    rows.append(f"F\t{form}\t{particle}\t{best}\t{kind}")
    rows += [f"N\t{noun}\t{rel}" for noun, rel in derived_nouns.items()]
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("// Generated by ingest/wordnet/gen_verb_classes.py from WordNet 3.0. Do not edit.\n"
                "#include <string_view>\nnamespace sg::ingest {\nextern const std::string_view kVerbClassTable;\n"
                "const std::string_view kVerbClassTable = R\"sgwn(")
        f.write("\n".join(sorted(rows)) + "\n")
        f.write(")sgwn\";\n}  // namespace sg::ingest\n")


if __name__ == "__main__":
    main()

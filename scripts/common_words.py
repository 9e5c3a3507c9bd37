#!/usr/bin/env python3
"""Builds classify/data/common_words.txt.zst: the 5,000 most frequent words of each
language lakeaudit reads (English, German, French, Spanish, Italian, Dutch,
Polish, Portuguese, Swedish, Turkish, Finnish), by the `wordfreq` package's
lists (CC BY-SA 4.0; word frequencies, no person's record), less the names
that Faker's person providers (MIT) list for any locale (read by
scripts/faker_names.py): the names people
commonly have stay names (`Thomas`, `Anna`, `Müller`). The names left out
go to classify/data/name_words.txt.zst: words that are names and frequent words at
once (`Hand`, `Man`, `Will`), too weak to find a name inside prose alone.

A capitalised word that is also a common word is weak evidence of a name:
German capitalises every noun (`Winter Brot`, `Tisch Bett` are no people),
and every language starts sentences with its most frequent words (`See`,
`Will`). PERSON needs more than such words (see
classify/src/catalog/person.rs).

Run once when the sources change; the output is committed:

    pip install wordfreq==3.1.1 faker==40.63.0
    python3 scripts/common_words.py
"""

import pathlib
import subprocess

import faker
import wordfreq

import faker_names

LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pl", "pt", "sv", "tr", "fi"]
TOP = 5000

data = pathlib.Path(__file__).resolve().parent.parent / "classify" / "data"
given, surnames = faker_names.names(faker)
people = {name.lower() for name in given | surnames}
frequent = {w for lang in LANGUAGES for w in wordfreq.top_n_list(lang, TOP) if w.isalpha()}
for name, words in [("common_words", frequent - people), ("name_words", frequent & people)]:
    body = "".join(f"{w}\n" for w in sorted(words)).encode()
    tmp = data / f"{name}.txt.zst.tmp"
    tmp.write_bytes(subprocess.run(["zstd", "-19", "-c"], input=body, check=True, capture_output=True).stdout)
    tmp.replace(data / f"{name}.txt.zst")
    print(f"{len(words)} {name.replace('_', ' ')}")

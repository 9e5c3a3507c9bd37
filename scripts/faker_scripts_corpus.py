#!/usr/bin/env python3
"""Writes testdata/faker_scripts/: a third labelled corpus, of names in
scripts without letter case (Chinese and Japanese characters, Hangul,
Arabic, Persian, Hebrew, Devanagari, Bengali, Tamil, Thai, Georgian) and,
for contrast, in Cyrillic and Greek, made by Python's Faker and written by
pyarrow. Beside each locale's names are its own cities, companies, jobs and
countries, which are no one's name and must not read as one: PERSON's
precision is measured in each script, not only its recall.

Every value is Faker's: made-up people, no real person's data. Only
providers that do not depend on today's date are used, so the output is the
same on every run. Card numbers are drawn again until python-stdnum's Luhn
check accepts them (and none starts with 0).

Output, each file written whole to a temporary name and renamed:
- faker_scripts/lake/<locale>/people.parquet
- faker_scripts/truth.csv: dataset,column,entity for every column holding one.

Run: python3 scripts/faker_scripts_corpus.py [OUT_DIR]   (needs faker,
python-stdnum and pyarrow at the versions of scripts/faker_corpus.py; the
output is committed, so tests do not need them).
"""

import csv
import io
import os
import sys

import faker
import pyarrow as pa
import pyarrow.parquet as pq
import stdnum
from stdnum import luhn

from faker_corpus import FAKER_VERSION, STDNUM_VERSION, drawn, write_atomic

LOCALES = [
    "ar_SA", "bn_BD", "el_GR", "fa_IR", "he_IL", "hi_IN", "ja_JP", "ka_GE",
    "ko_KR", "ne_NP", "ru_RU", "ta_IN", "th_TH", "uk_UA", "zh_CN", "zh_TW",
]
ROWS = 200
SEED = 20261208


def table(locale):
    fake = faker.Faker(locale)
    fake.seed_instance(SEED)
    cols, labels = {}, {}

    def column(name, entity, make):
        cols[name] = [str(make()) for _ in range(ROWS)]
        if entity:
            labels[name] = entity

    def card():
        return drawn(fake.credit_card_number, lambda v: luhn.is_valid(v) and not v.startswith("0"))

    column("name", "PERSON", fake.name)
    column("email", "EMAIL_ADDRESS", fake.email)
    column("card_number", "CREDIT_CARD", card)
    # Lookalikes in the same script: none of them is personal.
    column("city", None, fake.city)
    column("company", None, fake.company)
    column("job", None, fake.job)
    column("country", None, fake.country)
    return cols, labels


def main():
    for name, have, want in (("faker", faker.VERSION, FAKER_VERSION), ("python-stdnum", stdnum.__version__, STDNUM_VERSION)):
        if have != want:
            sys.exit(f"{name} {have} installed; this corpus is made with {want}")
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "testdata", "faker_scripts")
    truth = [("dataset", "column", "entity")]
    for locale in LOCALES:
        cols, labels = table(locale)
        buf = io.BytesIO()
        pq.write_table(pa.table(cols), buf, compression="snappy")
        write_atomic(os.path.join(out, "lake", locale, "people.parquet"), buf.getvalue())
        truth.extend((locale, column, entity) for column, entity in labels.items())
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(truth)
    write_atomic(os.path.join(out, "truth.csv"), text.getvalue().encode())


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes testdata/faker/: a second labelled corpus, made differently from
lakegen (Python's Faker in thirteen locales, written by pyarrow and Python's
csv module), so that accuracy is measured on data the classifier's authors
did not generate.

Every value is Faker's: made-up people, identifiers valid by their
specification (Faker computes their check digits), no real person's data.
Where a Faker provider's values are not valid by the specification
lakeaudit follows, that provider is left out rather than labelled
(en_GB's ssn gives National Insurance numbers with the never-allocated
prefix ZZ; its de_DE and nl_NL vat_id and sv_SE org_id are not checked
here), and said so below.

Output, each file written whole to a temporary name and renamed:
- faker/lake/<locale>/people.parquet (pyarrow) or people.csv (csv module, ';'
  in the locales that write decimal commas): structured columns, lookalike
  columns, and free-text columns with personal data planted in 1-30% of rows.
- faker/truth.csv: dataset,column,entity for every column holding an entity
  (decoys hold none).
- faker/planted.csv: dataset,column,row,entity,value for every value planted
  in free text, to measure recall value by value.

Run: python3 scripts/faker_corpus.py [OUT_DIR]   (needs faker and pyarrow;
the output is committed, so tests do not need them). Deterministic: fixed
seeds, fixed Faker version (see FAKER_VERSION).
"""

import csv
import io
import os
import random
import sys

import faker
import pyarrow as pa
import pyarrow.parquet as pq

FAKER_VERSION = "40.63.0"
ROWS = 300
SEED = 20261130

# Locale -> (national identifier providers whose values are valid by the
# specification: (column name, Faker method, lakeaudit entity)), file format.
LOCALES = {
    "en_US": ([("ssn", "ssn", "US_SSN")], "parquet"),
    "en_GB": ([], "parquet"),
    "en_IN": ([("aadhaar", "aadhaar_id", "IN_AADHAAR")], "parquet"),
    "en_AU": ([], "csv"),
    "de_DE": ([], "csv"),
    "fr_FR": ([], "csv"),
    "es_ES": ([("nif", "nif", "ES_NIF"), ("nie", "nie", "ES_NIE")], "parquet"),
    "it_IT": ([("codice_fiscale", "ssn", "IT_FISCAL_CODE")], "parquet"),
    "nl_NL": ([], "parquet"),
    "pl_PL": ([("pesel", "pesel", "PL_PESEL")], "parquet"),
    "pt_BR": ([], "csv"),
    "sv_SE": ([("personnummer", "ssn", "SE_PERSONNUMMER")], "parquet"),
    "tr_TR": ([("tc_kimlik_no", "ssn", "TR_NATIONAL_ID")], "parquet"),
}

# Words of support tickets and notes around the planted values.
TICKET_OPENERS = [
    "Customer called about a late delivery.",
    "Refund requested for a damaged parcel.",
    "Login fails after the password reset.",
    "Invoice address needs an update.",
    "Subscription cancelled at the end of the month.",
    "The courier left the parcel at the wrong door.",
]


def one_line(s):
    return " ".join(str(s).split())


def planted(rng, fake, entity, ids):
    """A value of `entity` for free text, from Faker."""
    if entity == "EMAIL_ADDRESS":
        return fake.email()
    if entity == "PHONE_NUMBER":
        return fake.phone_number()
    if entity == "IP_ADDRESS":
        return fake.ipv4_public() if rng.random() < 0.8 else fake.ipv6()
    if entity == "CREDIT_CARD":
        return fake.credit_card_number()
    if entity == "IBAN_CODE":
        return fake.iban()
    if entity == "PERSON":
        return fake.name()
    if entity == "LOCATION":
        return one_line(fake.street_address())
    for _, method, e in ids:
        if e == entity:
            return getattr(fake, method)()
    raise ValueError(entity)


def free_text(rng, fake, kind, entities, rate, ids):
    """One free-text value and what was planted in it: [(entity, value)]."""
    plant = [e for e in entities if rng.random() < rate]
    values = [(e, planted(rng, fake, e, ids)) for e in plant]
    if kind == "ticket":
        parts = [rng.choice(TICKET_OPENERS), one_line(fake.sentence(nb_words=8))]
        for e, v in values:
            parts.append(
                {
                    "EMAIL_ADDRESS": f"Reply to {v} when resolved.",
                    "PHONE_NUMBER": f"Call back on {v} after 5pm.",
                    "PERSON": f"Spoke with {v} today.",
                    "LOCATION": f"Ship to {v}.",
                    "IP_ADDRESS": f"Last login from {v}.",
                }.get(e, f"Reference {v}.")
            )
        rng.shuffle(parts)
        return " ".join(parts), values
    if kind == "log":
        pairs = [
            f"ts={fake.iso8601()}",
            f"level={rng.choice(['INFO', 'WARN', 'ERROR'])}",
            f"req={fake.uuid4()[:8]}",
            f"path=/{fake.uri_path()}",
        ]
        for e, v in values:
            key = {"EMAIL_ADDRESS": "user", "IP_ADDRESS": "src", "PHONE_NUMBER": "msisdn"}.get(e, "ref")
            pairs.insert(rng.randrange(1, len(pairs) + 1), f"{key}={v}")
        pairs.append(f"msg=\"{one_line(fake.sentence(nb_words=6))}\"")
        return " ".join(pairs), values
    # Notes: the values mid-sentence, with the punctuation prose puts around them.
    text = one_line(fake.sentence(nb_words=10))
    for e, v in values:
        lead = {
            "CREDIT_CARD": rng.choice(["card", "paid with", "cc"]),
            "IBAN_CODE": rng.choice(["IBAN", "account", "transfer to"]),
        }.get(e, rng.choice(["id", "ref.", "number"]))
        text += f" {lead} {v}{rng.choice(['.', ',', ';', '', ' (verified).'])}"
        text += " " + one_line(fake.sentence(nb_words=5))
    return text, values


def table(locale, ids):
    fake = faker.Faker(locale)
    fake.seed_instance(SEED)
    rng = random.Random(f"{SEED}-{locale}")
    n = ROWS
    cols = {}
    labels = {}

    def column(name, entity, make):
        cols[name] = [make() for _ in range(n)]
        if entity:
            labels[name] = [entity]

    column("name", "PERSON", fake.name)
    column("street_address", "LOCATION", lambda: one_line(fake.street_address()))
    column("phone", "PHONE_NUMBER", fake.phone_number)
    column("email", "EMAIL_ADDRESS", fake.email)
    column("iban", "IBAN_CODE", fake.iban)
    column("card_number", "CREDIT_CARD", fake.credit_card_number)
    column("client_ip", "IP_ADDRESS", fake.ipv4)
    column("mac", "MAC_ADDRESS", fake.mac_address)
    column("date_of_birth", "DATE_TIME", lambda: fake.date_of_birth().strftime(rng.choice(["%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y"])))
    for name, method, entity in ids:
        column(name, entity, getattr(fake, method))
    # Lookalikes: none of them is personal.
    column("company", None, fake.company)
    column("city", None, fake.city)
    column("country", None, fake.country)
    column("job", None, fake.job)
    column("user_agent", None, fake.user_agent)
    column("order_id", None, lambda: str(fake.random_number(digits=9, fix_len=True)))
    column("ean13", None, fake.ean13)
    column("isbn", None, fake.isbn13)
    column("request_id", None, fake.uuid4)
    column("sha1", None, fake.sha1)
    column("shipped_at", None, lambda: fake.date_time_this_decade().isoformat(sep=" "))
    column("amount", None, lambda: f"{fake.pydecimal(left_digits=4, right_digits=2, positive=True)}")
    column("product", None, lambda: " ".join(fake.words(nb=2)).title())
    column("color", None, fake.color_name)
    # Free text: personal data planted in 1-30% of rows.
    plantings = []
    free = {
        "ticket": ["EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON"],
        "log_line": ["EMAIL_ADDRESS", "IP_ADDRESS"],
        "note": ["CREDIT_CARD", "IBAN_CODE"] + [e for _, _, e in ids],
    }
    for name, entities in free.items():
        rate = rng.choice([0.01, 0.03, 0.05, 0.1, 0.2, 0.3])
        kind = {"ticket": "ticket", "log_line": "log", "note": "note"}[name]
        values = []
        for row in range(n):
            text, planted_values = free_text(rng, fake, kind, entities, rate, ids)
            values.append(text)
            for e, v in planted_values:
                plantings.append((name, row, e, v))
        cols[name] = values
        labels[name] = sorted({e for c, _, e, _ in plantings if c == name})
    return cols, labels, plantings


def write_atomic(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def main():
    if faker.VERSION != FAKER_VERSION:
        sys.exit(f"faker {faker.VERSION} installed; this corpus is made with {FAKER_VERSION}")
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "testdata", "faker")
    truth = [("dataset", "column", "entity")]
    planted_rows = [("dataset", "column", "row", "entity", "value")]
    for locale, (ids, fmt) in LOCALES.items():
        cols, labels, plantings = table(locale, ids)
        dataset = locale
        if fmt == "parquet":
            buf = io.BytesIO()
            pq.write_table(pa.table(cols), buf, row_group_size=100, compression="snappy")
            write_atomic(os.path.join(out, "lake", locale, "people.parquet"), buf.getvalue())
        else:
            delimiter = ";" if locale in ("de_DE", "fr_FR", "pt_BR") else ","
            text = io.StringIO()
            w = csv.writer(text, delimiter=delimiter, lineterminator="\n")
            w.writerow(cols.keys())
            w.writerows(zip(*cols.values()))
            write_atomic(os.path.join(out, "lake", locale, "people.csv"), text.getvalue().encode())
        for column, entities in labels.items():
            truth.extend((dataset, column, e) for e in entities)
        planted_rows.extend((dataset, c, str(r), e, v) for c, r, e, v in plantings)
    for name, rows in (("truth.csv", truth), ("planted.csv", planted_rows)):
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows(rows)
        write_atomic(os.path.join(out, name), text.getvalue().encode())


if __name__ == "__main__":
    main()

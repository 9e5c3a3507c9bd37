#!/usr/bin/env python3
"""Writes testdata/faker/: a second labelled corpus, made differently from
lakegen (Python's Faker in thirteen locales, written by pyarrow and Python's
csv module), so that accuracy is measured on data the classifier's authors
did not generate.

Every value is Faker's: made-up people, no real person's data. Faker does
not always make values that are valid by their specification (en_US phone
numbers with unassigned area codes, en_IN IBANs of the wrong length,
Aadhaar numbers failing Verhoeff), so each identifier is drawn again until
an independent validator accepts it: libphonenumber's Python port
(`phonenumbers`, valid for the locale's region) for phone numbers and
python-stdnum for IBANs, card numbers (Luhn) and national identifiers.
Neither shares code or authors with lakeaudit's recognizers. Providers
with no valid output are left out (en_GB's ssn gives National Insurance
numbers with the never-allocated prefix ZZ); en_IN's IBANs, never valid,
come from en_GB's provider.

Output, each file written whole to a temporary name and renamed:
- faker/lake/<locale>/people.parquet (pyarrow) or people.csv (csv module, ';'
  in the locales that write decimal commas): structured columns, lookalike
  columns, and free-text columns with personal data planted in 1-30% of rows.
- faker/truth.csv: dataset,column,entity for every column holding an entity
  (decoys hold none).
- faker/planted.csv: dataset,column,row,entity,value for every value planted
  in free text, to measure recall value by value.

Run: [LAKEAUDIT_CORPUS_SEED=N] python3 scripts/faker_corpus.py [OUT_DIR]   (needs faker, phonenumbers,
python-stdnum and pyarrow at the versions below; the output is committed, so
tests do not need them). Deterministic: fixed seeds, fixed versions.
"""

import csv
import io
import os
import random
import sys

import faker
import phonenumbers
import pyarrow as pa
import pyarrow.parquet as pq
import stdnum
from stdnum import iban, luhn
from stdnum.de import vat as de_vat
from stdnum.es import nie, nif
from stdnum.in_ import aadhaar
from stdnum.it import codicefiscale, iva
from stdnum.pl import pesel
from stdnum.se import personnummer
from stdnum.tr import tckimlik
from stdnum.us import ssn

FAKER_VERSION = "40.63.0"
PHONENUMBERS_VERSION = "9.0.43"
STDNUM_VERSION = "2.2"
ROWS = 300
# The committed corpus's seed; LAKEAUDIT_CORPUS_SEED draws a held-out one
# (same shapes, other people and numbers) to check that accuracy carries over.
SEED = int(os.environ.get("LAKEAUDIT_CORPUS_SEED", "20261130"))

# Locale -> (region for phone numbers, national identifier providers:
# (column name, Faker method, lakeaudit entity, stdnum validator)), format.
LOCALES = {
    "en_US": ("US", [("ssn", "ssn", "US_SSN", ssn)], "parquet"),
    "en_GB": ("GB", [], "parquet"),
    "en_IN": ("IN", [("aadhaar", "aadhaar_id", "IN_AADHAAR", aadhaar)], "parquet"),
    "en_AU": ("AU", [], "csv"),
    "de_DE": ("DE", [("ust_idnr", "vat_id", "DE_VAT_ID", de_vat)], "csv"),
    "fr_FR": ("FR", [], "csv"),
    "es_ES": ("ES", [("nif", "nif", "ES_NIF", nif), ("nie", "nie", "ES_NIE", nie)], "parquet"),
    "it_IT": (
        "IT",
        [("codice_fiscale", "ssn", "IT_FISCAL_CODE", codicefiscale), ("partita_iva", "vat_id", "IT_VAT_CODE", iva)],
        "parquet",
    ),
    "nl_NL": ("NL", [], "parquet"),
    "pl_PL": ("PL", [("pesel", "pesel", "PL_PESEL", pesel)], "parquet"),
    "pt_BR": ("BR", [], "csv"),
    "sv_SE": ("SE", [("personnummer", "ssn", "SE_PERSONNUMMER", personnummer)], "parquet"),
    "tr_TR": ("TR", [("tc_kimlik_no", "ssn", "TR_NATIONAL_ID", tckimlik)], "parquet"),
}

# What people write before an identifier in a note: its name, mostly.
ID_LABELS = {
    "US_SSN": ["SSN", "social security no."],
    "IN_AADHAAR": ["Aadhaar", "Aadhaar no.", "UID"],
    "ES_NIF": ["NIF", "DNI"],
    "ES_NIE": ["NIE", "NIE nº"],
    "IT_FISCAL_CODE": ["codice fiscale", "CF"],
    "IT_VAT_CODE": ["P.IVA", "partita IVA"],
    "PL_PESEL": ["PESEL", "nr PESEL"],
    "SE_PERSONNUMMER": ["personnummer", "pnr"],
    "TR_NATIONAL_ID": ["TC kimlik no", "T.C. kimlik"],
    "DE_VAT_ID": ["USt-IdNr.", "VAT"],
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


def drawn(make, valid, tries=500):
    """Faker's next value that `valid` accepts."""
    for _ in range(tries):
        v = make()
        if valid(v):
            return v
    raise RuntimeError(f"no valid value from {make} in {tries} tries")


class Values:
    """A locale's generators of valid values, by entity."""

    def __init__(self, locale, region, ids, rng):
        self.fake = faker.Faker(locale)
        self.fake.seed_instance(SEED)
        # en_IN's IBANs are never valid (and India has none): en_GB's provider.
        self.banks = faker.Faker("en_GB") if locale == "en_IN" else self.fake
        self.banks.seed_instance(SEED)
        self.region, self.ids, self.rng = region, ids, rng

    def phone(self):
        def valid(v):
            try:
                return phonenumbers.is_valid_number(phonenumbers.parse(v, self.region))
            except phonenumbers.NumberParseException:
                return False

        return drawn(self.fake.phone_number, valid)

    def iban(self):
        return drawn(self.banks.iban, iban.is_valid)

    def card(self):
        # Faker's Maestro list has a 0604 prefix: no network issues cards
        # under ISO/IEC 7812's major industry identifier 0.
        return drawn(self.fake.credit_card_number, lambda v: luhn.is_valid(v) and not v.startswith("0"))

    def national(self, method, validator):
        return drawn(getattr(self.fake, method), validator.is_valid)

    def of(self, entity):
        """A value of `entity` for free text."""
        fake = self.fake
        if entity == "EMAIL_ADDRESS":
            return fake.email()
        if entity == "PHONE_NUMBER":
            return self.phone()
        if entity == "IP_ADDRESS":
            return fake.ipv4_public() if self.rng.random() < 0.8 else fake.ipv6()
        if entity == "CREDIT_CARD":
            return self.card()
        if entity == "IBAN_CODE":
            return self.iban()
        if entity == "PERSON":
            return fake.name()
        if entity == "LOCATION":
            return one_line(fake.street_address())
        for _, method, e, validator in self.ids:
            if e == entity:
                return self.national(method, validator)
        raise ValueError(entity)


def free_text(rng, values_of, kind, plant):
    """One free-text value with a value of each entity of `plant` in it, and
    what was planted: [(entity, value)]."""
    fake = values_of.fake
    values = [(e, values_of.of(e)) for e in plant]
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
        generic = ["id", "ref.", "number"]
        lead = {
            "CREDIT_CARD": rng.choice(["card", "paid with", "cc"]),
            "IBAN_CODE": rng.choice(["IBAN", "account", "transfer to"]),
        }.get(e) or rng.choice(ID_LABELS.get(e, generic) if rng.random() < 0.7 else generic)
        text += f" {lead} {v}{rng.choice(['.', ',', ';', '', ' (verified).'])}"
        text += " " + one_line(fake.sentence(nb_words=5))
    return text, values


def table(locale, region, ids):
    rng = random.Random(f"{SEED}-{locale}")
    values_of = Values(locale, region, ids, rng)
    fake = values_of.fake
    n = ROWS
    cols = {}
    labels = {}

    def column(name, entity, make):
        cols[name] = [make() for _ in range(n)]
        if entity:
            labels[name] = [entity]

    column("name", "PERSON", fake.name)
    column("street_address", "LOCATION", lambda: one_line(fake.street_address()))
    column("phone", "PHONE_NUMBER", values_of.phone)
    column("email", "EMAIL_ADDRESS", fake.email)
    column("iban", "IBAN_CODE", values_of.iban)
    column("card_number", "CREDIT_CARD", values_of.card)
    column("client_ip", "IP_ADDRESS", fake.ipv4)
    column("mac", "MAC_ADDRESS", fake.mac_address)
    column("date_of_birth", "DATE_TIME", lambda: fake.date_of_birth().strftime(rng.choice(["%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y"])))
    for name, method, entity, validator in ids:
        column(name, entity, lambda: values_of.national(method, validator))
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
    # Free text: each entity planted in 1-30% of rows (at least three), the
    # rows drawn at random.
    plantings = []
    free = {
        "ticket": ["EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON"],
        "log_line": ["EMAIL_ADDRESS", "IP_ADDRESS"],
        "note": ["CREDIT_CARD", "IBAN_CODE"] + [e for _, _, e, _ in ids],
    }
    for name, entities in free.items():
        kind = {"ticket": "ticket", "log_line": "log", "note": "note"}[name]
        rows_of = {}
        for e in entities:
            rate = rng.choice([0.01, 0.03, 0.05, 0.1, 0.2, 0.3])
            rows_of[e] = set(rng.sample(range(n), max(3, round(rate * n))))
        values = []
        for row in range(n):
            plant = [e for e in entities if row in rows_of[e]]
            text, planted_values = free_text(rng, values_of, kind, plant)
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
    for name, have, want in (
        ("faker", faker.VERSION, FAKER_VERSION),
        ("phonenumbers", phonenumbers.__version__, PHONENUMBERS_VERSION),
        ("python-stdnum", stdnum.__version__, STDNUM_VERSION),
    ):
        if have != want:
            sys.exit(f"{name} {have} installed; this corpus is made with {want}")
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "testdata", "faker")
    truth = [("dataset", "column", "entity")]
    planted_rows = [("dataset", "column", "row", "entity", "value")]
    for locale, (region, ids, fmt) in LOCALES.items():
        cols, labels, plantings = table(locale, region, ids)
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

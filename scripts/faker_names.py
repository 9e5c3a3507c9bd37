"""The names Faker's person providers list, read the same way by every
script that builds a word list from them (scripts/dictionaries.py,
scripts/common_words.py).

Providers keep names under many attributes (`first_names_female`,
pl_PL's `male_last_names`, zh_CN's `first_romanized_names`), as lists,
tuples or weighted dicts, and some names are compounds (pt_BR's
`Luiz Otávio`): each word of a compound is a name on its own.
"""

import importlib
import pathlib
import re

GIVEN = re.compile(r"^first(?:_romanized)?_names(?:_[a-z]+)*$")
SURNAME = re.compile(r"^(?:[a-z]+_)?last(?:_romanized)?_names(?:_[a-z]+)*$")


def names(faker_module):
    """(given names, surnames) over every person provider of `faker_module`,
    as written (not lower-cased)."""
    given, surnames = set(), set()
    providers = pathlib.Path(faker_module.__file__).parent / "providers" / "person"
    for locale in sorted(p.name for p in providers.iterdir() if p.is_dir() and not p.name.startswith("_")):
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in dir(provider):
            target = given if GIVEN.match(attr) else surnames if SURNAME.match(attr) else None
            values = getattr(provider, attr)
            if target is None or not isinstance(values, (list, tuple, dict, set, frozenset)):
                continue
            for name in values:
                target.update(str(name).split())
    return given, surnames

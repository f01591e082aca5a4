#!/usr/bin/env python3
"""gen_gazetteer.py DATA_DIR ISO_JSON_DIR OUT_FILE

Builds src/sql/51_gazetteer_data.sql, the default rows of news.gazetteer,
from the one-entry-per-line lists in DATA_DIR (src/data/gazetteer) and
Debian's iso-codes JSON files in ISO_JSON_DIR (/usr/share/iso-codes/json).

Input formats (lines are trimmed; '#' starts a comment; fields are separated
by a TAB; a list of aliases is separated by '|'):

  countries.txt        CC  canonical  [aliases]    overrides for ISO 3166-1
  subdivisions.txt     +CC Type|Type                ISO 3166-2 types to include
                       CODE canonical [aliases]     one ISO 3166-2 subdivision
  cities.txt           city  country  [aliases]    LOC, link = country
  demonyms.txt         demonym  country  [aliases] NORP, link = country
  groups.txt           canonical  [aliases]         NORP without a country
  organizations.txt, news_organizations.txt, companies.txt, clubs.txt
                       canonical  [aliases]         ORG
  people.txt           canonical  [aliases]         PERSON
  titles.txt           canonical  [aliases]         TITLE
  given_names.txt      canonical  [variants]        GIVEN_NAME
  misc.txt             canonical  [aliases]         MISC

Every row is (alias, canonical, type, link); the canonical name is always
also an alias of itself.  Rows are de-duplicated and sorted by type,
canonical, alias and link (code point order), so the output depends only on
the inputs.  Python standard library only.  Any inconsistency (a country
named in a list but unknown, an ISO code that does not exist, a malformed
line) stops the generator with a message naming the file and line.
"""

import json
import os
import sys

TYPES = ("PERSON", "ORG", "LOC", "NORP", "MISC", "TITLE", "GIVEN_NAME")


class DataError(Exception):
    pass


def read_lines(path):
    """Yields (line number, fields) for the non-empty lines of path."""
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if "#" in line:
                line = line[: line.index("#")]
            if not line.strip():
                continue
            fields = [x.strip() for x in line.split("\t")]
            fields = [x for x in fields if x != ""]
            yield n, fields


def split_aliases(field):
    return [a.strip() for a in field.split("|") if a.strip()]


def clean(name):
    """A name fit to be an alias as written in news: no ISO-style inverted
    forms ("Korea, Republic of") and no brackets."""
    return not any(c in name for c in ",[(*")


class Rows:
    def __init__(self):
        self.rows = set()

    def add(self, alias, canonical, typ, link, where):
        if typ not in TYPES:
            raise DataError("%s: unknown type %s" % (where, typ))
        for value in (alias, canonical):
            if not value or value != value.strip() or "\t" in value:
                raise DataError("%s: bad name %r" % (where, value))
        self.rows.add((alias, canonical, typ, link))


def load_iso(iso_dir):
    with open(os.path.join(iso_dir, "iso_3166-1.json"), encoding="utf-8") as f:
        countries = json.load(f)["3166-1"]
    with open(os.path.join(iso_dir, "iso_3166-2.json"), encoding="utf-8") as f:
        subdivisions = json.load(f)["3166-2"]
    return countries, subdivisions


def countries(data_dir, iso_countries, rows):
    """Adds every ISO 3166-1 country; returns {alpha-2: canonical}."""
    path = os.path.join(data_dir, "countries.txt")
    overrides = {}
    for n, f in read_lines(path):
        where = "%s:%d" % (path, n)
        if len(f) not in (2, 3) or len(f[0]) != 2 or not f[0].isupper():
            raise DataError("%s: expected CC<TAB>canonical[<TAB>aliases]" % where)
        if f[0] in overrides:
            raise DataError("%s: %s listed twice" % (where, f[0]))
        overrides[f[0]] = (f[1], split_aliases(f[2]) if len(f) == 3 else [], where)

    canon = {}
    for c in iso_countries:
        code = c["alpha_2"]
        names = [c.get("name"), c.get("official_name"), c.get("common_name")]
        names = [x for x in names if x]
        if code in overrides:
            name, aliases, where = overrides.pop(code)
        else:
            name = c.get("common_name") or c["name"]
            aliases, where = [], "iso_3166-1 %s" % code
            if not clean(name):
                raise DataError("ISO country %s (%s) needs a line in countries.txt" % (code, name))
        canon[code] = name
        for a in [name] + [x for x in names if clean(x)] + aliases:
            rows.add(a, name, "LOC", None, where)
    # codes not in ISO 3166-1 (Kosovo): countries of their own
    for code, (name, aliases, where) in sorted(overrides.items()):
        canon[code] = name
        for a in [name] + aliases:
            rows.add(a, name, "LOC", None, where)
    return canon


def subdivisions(data_dir, iso_subdivisions, country_canon, rows):
    path = os.path.join(data_dir, "subdivisions.txt")
    by_code = {s["code"]: s for s in iso_subdivisions}
    include = {}
    named = {}
    for n, f in read_lines(path):
        where = "%s:%d" % (path, n)
        if f[0].startswith("+"):
            cc = f[0][1:]
            if len(f) != 2 or cc not in country_canon:
                raise DataError("%s: expected +CC<TAB>Type|Type" % where)
            include[cc] = set(split_aliases(f[1]))
        else:
            if len(f) not in (2, 3) or f[0] not in by_code:
                raise DataError("%s: unknown ISO 3166-2 code or bad line" % where)
            if f[0] in named:
                raise DataError("%s: %s listed twice" % (where, f[0]))
            named[f[0]] = (f[1], split_aliases(f[2]) if len(f) == 3 else [], where)
    for cc, types in include.items():
        known = {s["type"] for s in iso_subdivisions if s["code"][:2] == cc}
        for t in types:
            if t not in known:
                raise DataError("%s: %s has no subdivisions of type %s" % (path, cc, t))
    for s in iso_subdivisions:
        code = s["code"]
        cc = code[:2]
        link = country_canon[cc]
        if code in named:
            name, aliases, where = named[code]
            for a in [name] + aliases:
                rows.add(a, name, "LOC", link, where)
        elif cc in include and s["type"] in include[cc]:
            name = s["name"]
            if not clean(name):
                raise DataError("ISO subdivision %s (%s) needs a line in subdivisions.txt" % (code, name))
            rows.add(name, name, "LOC", link, "iso_3166-2 %s" % code)


def linked_list(data_dir, filename, typ, country_canon, rows):
    """cities.txt, demonyms.txt: name, country, aliases."""
    path = os.path.join(data_dir, filename)
    countries = set(country_canon.values())
    for n, f in read_lines(path):
        where = "%s:%d" % (path, n)
        if len(f) not in (2, 3):
            raise DataError("%s: expected name<TAB>country[<TAB>aliases]" % where)
        if f[1] not in countries:
            raise DataError("%s: unknown country %r" % (where, f[1]))
        for a in [f[0]] + (split_aliases(f[2]) if len(f) == 3 else []):
            rows.add(a, f[0], typ, f[1], where)


def plain_list(data_dir, filename, typ, rows):
    path = os.path.join(data_dir, filename)
    seen = {}
    for n, f in read_lines(path):
        where = "%s:%d" % (path, n)
        if len(f) not in (1, 2):
            raise DataError("%s: expected canonical[<TAB>aliases]" % where)
        if f[0] in seen:
            raise DataError("%s: %s already on line %d" % (where, f[0], seen[f[0]]))
        seen[f[0]] = n
        for a in [f[0]] + (split_aliases(f[1]) if len(f) == 2 else []):
            rows.add(a, f[0], typ, None, where)


def sql_literal(value):
    if value is None:
        return "NULL"
    return "'" + value.replace("'", "''") + "'"


def main(argv):
    if len(argv) != 4:
        sys.stderr.write("usage: gen_gazetteer.py DATA_DIR ISO_JSON_DIR OUT_FILE\n")
        return 2
    data_dir, iso_dir, out = argv[1:]
    rows = Rows()
    iso_countries, iso_subdivisions = load_iso(iso_dir)
    canon = countries(data_dir, iso_countries, rows)
    subdivisions(data_dir, iso_subdivisions, canon, rows)
    linked_list(data_dir, "cities.txt", "LOC", canon, rows)
    linked_list(data_dir, "demonyms.txt", "NORP", canon, rows)
    plain_list(data_dir, "groups.txt", "NORP", rows)
    for filename in ("organizations.txt", "news_organizations.txt", "companies.txt", "clubs.txt"):
        plain_list(data_dir, filename, "ORG", rows)
    plain_list(data_dir, "people.txt", "PERSON", rows)
    plain_list(data_dir, "titles.txt", "TITLE", rows)
    plain_list(data_dir, "given_names.txt", "GIVEN_NAME", rows)
    plain_list(data_dir, "misc.txt", "MISC", rows)

    order = {t: i for i, t in enumerate(TYPES)}
    ordered = sorted(rows.rows, key=lambda r: (order[r[2]], r[1], r[0], r[3] or ""))
    counts = {t: sum(1 for r in ordered if r[2] == t) for t in TYPES}
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n-- Default rows of news.gazetteer.  Generated by src/tools/gen_gazetteer.py\n")
        f.write("-- (make gazetteer) from src/data/gazetteer/*.txt and Debian's iso-codes\n")
        f.write("-- (iso_3166-1.json, iso_3166-2.json); do not edit.\n")
        f.write("-- %d rows: %s\n" % (len(ordered), ", ".join("%s %d" % (t, counts[t]) for t in TYPES)))
        batch = 1000
        for i in range(0, len(ordered), batch):
            f.write("INSERT INTO news.gazetteer (alias, canonical, type, link) VALUES\n")
            chunk = ordered[i : i + batch]
            f.write(",\n".join("(%s, %s, %s, %s)" % tuple(sql_literal(v) for v in r) for r in chunk))
            f.write(";\n")
    os.replace(tmp, out)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except DataError as e:
        sys.stderr.write("gen_gazetteer.py: %s\n" % e)
        sys.exit(1)

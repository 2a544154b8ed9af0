#!/usr/bin/env python3
"""Compile the gazetteer data files (data/gazetteers/*.tsv) into static C
tables, src/core/gazetteer_data.c, laid out as gazetteer_data.h declares.

Usage: gen_c.py DATA_DIR OUTPUT.c

A name is looked up by its key: its UTF-8 bytes with white space removed and
typographic apostrophes made plain, so that a key does not depend on how the
tokenizer split the name ("Guinea-Bissau", "d'Ivoire" and Chinese names
match however they were cut). Its folded key also has each code point
case-folded as ICU's u_foldCase(c, U_FOLD_CASE_DEFAULT) does; gazetteer.c
makes keys of the text the same way.

The forms (distinct keys) are sorted by folded key, then by key, so one
binary search serves both case-sensitive and case-insensitive lookup, and a
search can stop as soon as no key starts with the text so far. Names
without lower case (US, NATO, G7) are flagged to match only as written:
folded, they would match "us" and "who".
"""

import os
import sys

# Order of types; must match NnGazType in gazetteer.h.
TYPES = ['ORG', 'COUNTRY', 'DEMONYM', 'CITY', 'FIRSTNAME']
# The kind of canonical entry a label refers to: demonyms refer to countries.
ENTRY_TYPE = {'DEMONYM': 'COUNTRY'}
FILES = ['orgs.tsv', 'countries.tsv', 'demonyms.tsv', 'cities.tsv', 'firstnames.tsv']
# Must match gazetteer_data.h: key bytes gazetteer.c holds (names with longer
# keys are dropped), references one folded key may have, bits of entry id.
KEY_MAX = 255
RUN_MAX = 128
REF_ID_BITS = 20
# White space left out of keys; gazetteer.c skips the same code points.
SPACES = {0x09, 0x0A, 0x0D, 0x20, 0xA0, 0x2009, 0x202F, 0x3000}
# Apostrophes written as U+0027 in keys; gazetteer.c maps the same.
APOSTROPHES = {0x2019, 0x02BC}


def fold_char(c):
    """Simple case folding of one character, as ICU's u_foldCase: Python's
    casefold() is full folding (ß -> ss), so where that gives more than one
    character take the simple lower case mapping, or keep the character."""
    f = c.casefold()
    if len(f) == 1:
        return f
    lower = c.lower()
    return lower if len(lower) == 1 else c


def make_key(name):
    """The lookup key of a name, as a string."""
    out = []
    for c in name:
        cp = ord(c)
        if cp in SPACES:
            continue
        out.append("'" if cp in APOSTROPHES else c)
    return ''.join(out)


def fold_key(key):
    """The folded form of a key, as bytes."""
    return ''.join(fold_char(c) for c in key).encode('utf-8')


def is_acronym(name):
    """True for names written without lower case (US, U.S., NATO, США)."""
    return not any(c.islower() for c in name) and any(c.isupper() for c in name)


def read_rows(data_dir):
    """All (label, name, canonical, country, attr) rows of the data files."""
    rows = []
    for fname in FILES:
        with open(os.path.join(data_dir, fname), encoding='utf-8') as f:
            for line in f:
                if line.startswith('#'):
                    continue
                row = tuple(line.rstrip('\n').split('\t'))
                if len(row) != 5 or not make_key(row[1]):
                    sys.exit('%s: bad line: %r' % (fname, line))
                rows.append(row)
    return rows


def entry_of(row):
    """The canonical entry a row refers to: (type, name, country, attr)."""
    label, name, canonical, cc, attr = row
    if label in ENTRY_TYPE:
        return (ENTRY_TYPE[label], canonical, cc, '')
    return (label, canonical, cc, attr)


def entry_sort_key(entry):
    """Order of canonical entries: by type, bigger cities first, by name."""
    etype, name, cc, attr = entry
    bucket = -int(attr) if etype == 'CITY' else 0
    return (TYPES.index(etype), bucket, name, cc, attr)


def build_forms(rows, entry_id):
    """Map each key (bytes) to its sorted references."""
    forms = {}
    for row in rows:
        key = make_key(row[1])
        raw = key.encode('utf-8')
        if len(raw) > KEY_MAX or len(fold_key(key)) > KEY_MAX:
            print('dropped, key too long: %s' % row[1], file=sys.stderr)
            continue
        ref = (TYPES.index(row[0]) + 1) << REF_ID_BITS | entry_id[entry_of(row)]
        forms.setdefault(raw, set()).add(ref)
    return {k: sorted(v) for k, v in forms.items()}


def check_runs(keys, forms):
    """Fail if the forms of one folded key have more references than
    gazetteer.c collects at one position."""
    runs = {}
    for k in keys:
        f = fold_key(k.decode('utf-8'))
        runs[f] = runs.get(f, 0) + len(forms[k])
    worst = max(runs.values())
    if worst > RUN_MAX:
        sys.exit('a folded key has %d references, more than %d' % (worst, RUN_MAX))


class Strings:
    """A pool of NUL-terminated strings, each stored once."""

    def __init__(self):
        self.data = bytearray()
        self.offsets = {}

    def add(self, s):
        """Offset of s (bytes) in the pool, adding it if new."""
        if s not in self.offsets:
            self.offsets[s] = len(self.data)
            self.data += s + b'\0'
        return self.offsets[s]


def c_string_lines(data):
    """The pool as C string literal lines: ASCII source, so other bytes (and
    '?', against trigraphs) as three-digit octal escapes."""
    lines, cur = [], ''
    for b in data:
        if b == 0x22 or b == 0x5C:
            cur += '\\' + chr(b)
        elif 0x20 <= b < 0x7F and b != 0x3F:
            cur += chr(b)
        else:
            cur += '\\%03o' % b
        if len(cur) >= 72:
            lines.append('"%s"' % cur)
            cur = ''
    if cur:
        lines.append('"%s"' % cur)
    return lines


def int_lines(values, per_line):
    """Comma-separated integers, per_line of them a line."""
    return ['\t' + ','.join(str(v) for v in values[i:i + per_line]) + ','
            for i in range(0, len(values), per_line)]


def country_entries(rows, entry_id):
    """Map each country code to the id of its country's entry. England is
    GB too, so take the GB entry named by the most COUNTRY rows: a city in
    GB belongs to the United Kingdom."""
    count = {}
    for label, name, canonical, cc, attr in rows:
        if label == 'COUNTRY':
            count[(cc, canonical)] = count.get((cc, canonical), 0) + 1
    best = {}
    for (cc, canonical), n in sorted(count.items()):
        if n > best.get(cc, (0, None))[0]:
            best[cc] = (n, canonical)
    return {cc: entry_id[('COUNTRY', canonical, cc, '')]
            for cc, (n, canonical) in best.items()}


def emit_entries(out, entries, country, pool):
    """Emit the canonical entry rows."""
    out.append('const NnGazEntryRow nn_gaz_entry_rows[] = {')
    for etype, name, cc, attr in entries:
        attr_c = "'%s'" % attr if attr else '0'
        out.append('\t{%d,%d,%d,%s,"%s"},' % (pool.add(name.encode('utf-8')),
                                            country.get(cc, -1),
                                            TYPES.index(etype) + 1, attr_c, cc))
    out.append('};')
    out.append('const uint32_t nn_gaz_nentries = %d;' % len(entries))
    out.append('')


def emit_forms(out, forms, pool):
    """Emit the forms in search order and the references of those with more
    than one (a single reference is kept in the form itself)."""
    keys = sorted(forms, key=lambda k: (fold_key(k.decode('utf-8')), k))
    check_runs(keys, forms)
    refs = []
    out.append('const NnGazForm nn_gaz_forms[] = {')
    for k in keys:
        ref = forms[k][0]
        if len(forms[k]) > 1:
            ref = len(refs)
            refs.extend(forms[k])
        out.append('\t{%d,%d,%d,%d},' % (pool.add(k), ref, len(forms[k]),
                                        is_acronym(k.decode('utf-8'))))
    out.append('};')
    out.append('const uint32_t nn_gaz_nforms = %d;' % len(keys))
    out.append('')
    out.append('const uint32_t nn_gaz_refs[] = {')
    out.extend(int_lines(refs, 10))
    out.append('};')
    out.append('')
    return len(keys)


def main():
    """Read the data files and write the C file."""
    data_dir, output = sys.argv[1], sys.argv[2]
    rows = read_rows(data_dir)
    entries = sorted({entry_of(r) for r in rows}, key=entry_sort_key)
    entry_id = {e: i for i, e in enumerate(entries)}
    if len(entries) >= 1 << REF_ID_BITS:
        sys.exit('too many entries for %d bits' % REF_ID_BITS)
    forms = build_forms(rows, entry_id)
    pool = Strings()
    body = []
    emit_entries(body, entries, country_entries(rows, entry_id), pool)
    nforms = emit_forms(body, forms, pool)
    out = ['/*',
           ' * gazetteer_data.c',
           ' *\t  Gazetteer tables. GENERATED by scripts/gazetteers/gen_c.py from',
           ' *\t  the files of data/gazetteers: do not edit; run "make gazetteer-data".',
           ' */',
           '#include "gazetteer_data.h"',
           '',
           'const char nn_gaz_strings[] =']
    out.extend(c_string_lines(bytes(pool.data)))
    out.append(';')
    out.append('')
    out.extend(body)
    with open(output, 'w', encoding='ascii', newline='\n') as f:
        f.write('\n'.join(out) + '\n')
    counts = {t: sum(1 for r in rows if r[0] == t) for t in TYPES}
    print('%s: %d names %s, %d keys, %d entries'
          % (output, len(rows), counts, nforms, len(entries)))


if __name__ == '__main__':
    main()

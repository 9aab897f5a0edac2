#!/usr/bin/env python3
# The shipped programmes (data/programme-*.json): the documented format, read independently
# of the C reader, then imported by case-audit itself into a scratch database.
# Usage: check-programme.py CASE_AUDIT_BINARY FILE…
import datetime
import json
import os
import subprocess
import sys
import tempfile

STRANDS = ('social-care', 'early-help', 'send', 'dip-sample')
ENTRY = {'month', 'strand', 'focus', 'questions', 'allocation_date', 'return_date',
         'briefing_date', 'training'}
EVENT = {'date', 'kind', 'title', 'notes'}
KINDS = ('moderation-panel', 'workshop', 'triangulation', 'other')


def day(text, where):
    assert isinstance(text, str), where + ': not text'
    return datetime.date.fromisoformat(text)


def check(path):
    doc = json.load(open(path, encoding='utf-8'))
    assert doc['format'] == 'case-audit-programme' and doc['version'] == 1, 'header'
    assert set(doc) <= {'format', 'version', 'year', 'title', 'source', 'entries', 'events'}
    year = doc.get('year')
    seen = set()
    months = {}
    for i, e in enumerate(doc['entries']):
        where = 'entries[%d]' % i
        assert set(e) <= ENTRY, where + ': unknown member'
        assert e['strand'] in STRANDS, where + ': strand'
        assert e['focus'].strip() == e['focus'] and e['focus'], where + ': focus'
        key = (e['month'], e['strand'])
        assert key not in seen, where + ': twice'
        seen.add(key)
        y, m = (int(x) for x in e['month'].split('-'))
        assert year is None or y == year, where + ': year'
        months.setdefault(e['month'], set()).add(e['strand'])
        dates = {}
        for name in ('allocation_date', 'return_date', 'briefing_date'):
            if e.get(name) is not None:
                d = day(e[name], where + '.' + name)
                # Seed 04 dates every month's work within the month itself.
                assert (d.year, d.month) == (y, m), where + '.' + name + ': not in its month'
                dates[name] = d
        if 'allocation_date' in dates:
            for later in ('return_date', 'briefing_date'):
                assert later not in dates or dates[later] >= dates['allocation_date'], where
        for name in ('questions', 'training'):
            for j, text in enumerate(e.get(name, [])):
                assert isinstance(text, str) and text.strip() == text and text, \
                    '%s.%s[%d]' % (where, name, j)
        if e['strand'] == 'dip-sample':
            assert e.get('questions'), where + ': a dip sample without its questions'
            assert 'return_date' not in dates, where + ': the seed gives dip samples no return date'
        else:
            assert not e.get('questions'), where + ': questions are the dip sample\'s'
            assert e.get('training'), where + ': no training'
    for i, ev in enumerate(doc.get('events', [])):
        assert set(ev) <= EVENT and ev['kind'] in KINDS and ev['title'], 'events[%d]' % i
        day(ev['date'], 'events[%d].date' % i)
    return doc, months


def main():
    binary, paths = sys.argv[1], sys.argv[2:]
    for path in paths:
        doc, months = check(path)
        if os.path.basename(path) == 'programme-2021.json':
            # Seed 04: every month has social care, early help and a dip sample; SEND audits
            # in April, July, October and December; no dated events.
            assert len(months) == 12, 'not twelve months'
            for month, strands in months.items():
                want = {'social-care', 'early-help', 'dip-sample'}
                if month in ('2021-04', '2021-07', '2021-10', '2021-12'):
                    want.add('send')
                assert strands == want, month + ': ' + repr(sorted(strands))
            assert doc['events'] == []
        with tempfile.TemporaryDirectory() as folder:
            result = subprocess.run([binary, 'import', 'programme', path, '--database',
                                     os.path.join(folder, 'check.db')],
                                    capture_output=True, text=True)
            assert result.returncode == 0, result.stderr
            assert ' %d added' % len(doc['entries']) in result.stdout, result.stdout
        print('ok', path)


main()

"""Check coded JSONL files against a documents.csv: keys, substrings, frame names, cue occurrences.

usage: python validate.py <set> <documents.csv>   (run from tests/data/coded/tools)
"""
import collections, csv, json, sys
from pathlib import Path

FRAMES = {'cooperation', 'deconfliction', 'confrontation', 'counter_terrorism', 'diplomacy',
          'military_operations', 'strategic_stability'}
SIDES = {'us', 'russia', 'syria_gov', 'other', 'jihadist', 'us_partner', 'opposition', 'media',
         'joint', 'unresolved'}
HERE = Path(__file__).resolve().parent


def read(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def main(setname, docs_csv):
    with open(docs_csv, encoding='utf-8', newline='') as f:
        docs = {r['doc_id']: r for r in csv.DictReader(f)}
    ids = {row['id'] for row in csv.DictReader(open('/work/shared/codebook.tsv', encoding='utf-8'), delimiter='\t')}
    frames = read(HERE.parent / f'{setname}.frames.jsonl')
    sents = {}
    for o in frames:
        assert set(o) == {'doc_id', 'field', 'n', 'text', 'frames', 'note'}, o
        assert o['text'] and o['text'] in docs[o['doc_id']][o['field']], o
        assert set(o['frames']) <= FRAMES, o
        sents[(o['doc_id'], o['field'], o['n'])] = o['text']
    stm = read(HERE.parent / f'{setname}.statements.jsonl')
    for o in stm:
        assert set(o) == {'doc_id', 'field', 'n', 'cue', 'occurrence', 'speaker', 'actor_id', 'side', 'optional', 'note'}, o
        s = sents[(o['doc_id'], o['field'], o['n'])]
        assert s.count(o['cue']) >= o['occurrence'], o
        assert o['side'] in SIDES and (o['actor_id'] == '' or o['actor_id'] in ids), o
        assert o['speaker'] in docs[o['doc_id']]['body'] + docs[o['doc_id']]['title'], o
    arts = read(HERE.parent / f'{setname}.articles.jsonl')
    for o in arts:
        assert set(o) == {'doc_id', 'dominant', 'stance', 'note'} and set(o['dominant']) <= FRAMES, o
        assert o['stance'] in {'cooperative', 'confrontational', 'mixed'}, o
    assert {o['doc_id'] for o in arts} == set(docs)
    fc = collections.Counter(f for o in frames for f in o['frames'])
    sc = collections.Counter(o['side'] for o in stm)
    print(f'{setname}: {len(frames)} sentences, {sum(1 for o in frames if o["frames"])} with a frame, '
          f'{sum(fc.values())} sentence-frame pairs, {len(stm)} statements '
          f'({sum(o["optional"] for o in stm)} optional), {len(arts)} articles')
    print(' frames:', dict(fc.most_common()))
    print(' sides:', dict(sc.most_common()))


if __name__ == '__main__':
    main(*sys.argv[1:])

<<<<<<< HEAD
"""Throwaway sentence splitter following CODEBOOK-FRAMES.md (unit rule)."""
import csv
import sys

TERM = set(".!?؟…")


def split_line(line):
    out, start, i, n = [], 0, 0, len(line)
    guil = 0  # depth of « »
    curly = 0  # depth of “ ”
    dq = False  # inside a pair of "
    while i < n:
        c = line[i]
        if c == "«":
            guil += 1
        elif c == "»":
            guil = max(0, guil - 1)
        elif c == "“":
            curly += 1
        elif c == "”":
            curly = max(0, curly - 1)
        elif c == '"':
            dq = not dq
        if c in TERM and not (guil or curly or dq):
            j = i
            while j + 1 < n and line[j + 1] in TERM:
                j += 1
            out.append(line[start:j + 1])
            start = j + 1
            i = j + 1
            continue
        i += 1
    out.append(line[start:])
    return [s.strip() for s in out if s.strip()]


def split_field(text):
    sents = []
    for line in text.split("\n"):
        sents.extend(split_line(line))
    return sents


def load(path):
    return list(csv.DictReader(open(path, encoding="utf-8")))


if __name__ == "__main__":
    for r in load(sys.argv[1]):
        if len(sys.argv) > 2 and r["doc_id"] not in sys.argv[2:]:
            continue
        print("=" * 20, r["doc_id"], r["outlet"], r["published"])
        for f in ("title", "body"):
            for k, s in enumerate(split_field(r[f])):
                print(f"{f[0]}{k}: {s}")
=======
"""Throwaway sentence splitter following CODEBOOK-FRAMES.md (used by the human coder)."""
import csv, sys, re

OPEN_CLOSE = {'«': '»', '“': '”'}

def split_line(line):
    out, buf, depth_g, depth_c, dq = [], '', 0, 0, False
    i = 0
    while i < len(line):
        ch = line[i]
        buf += ch
        if ch == '«': depth_g += 1
        elif ch == '»': depth_g = max(0, depth_g - 1)
        elif ch == '“': depth_c += 1
        elif ch == '”': depth_c = max(0, depth_c - 1)
        elif ch == '"': dq = not dq
        if ch in '.!?؟…':
            j = i + 1
            while j < len(line) and line[j] in '.!?؟…':
                buf += line[j]; j += 1
            i = j
            if depth_g == 0 and depth_c == 0 and not dq:
                if buf.strip(): out.append(buf.strip())
                buf = ''
            continue
        i += 1
    if buf.strip(): out.append(buf.strip())
    return out

def split_field(text, title=False):
    sents = []
    for line in text.split('\n'):
        sents.extend(split_line(line))
    return sents

def load(path):
    with open(path, encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))

if __name__ == '__main__':
    for row in load(sys.argv[1]):
        print('=====', row['doc_id'], row['published'])
        for field in ('title', 'body'):
            for n, s in enumerate(split_field(row[field], field == 'title')):
                print(f'{field[0]}{n:02d} | {s}')
>>>>>>> coding-b

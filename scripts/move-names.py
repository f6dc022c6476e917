#!/usr/bin/env python3
"""Moves names between modules of the core in the callers' paths, and nothing else.

    scripts/move-names.py FROM TO NAME,NAME,... FILE...

In every FILE, `use crate::FROM::{...};` and `use servicefolio::FROM::{...};` lines
are split so that the listed names come from `TO` instead (`use crate::FROM::X;`
alike), and inline paths `crate::FROM::NAME` become `crate::TO::NAME`. Run
`cargo fmt` afterwards. The moves of issue 12, item 3 (re-run on a branch that
added callers meanwhile):

    scripts/move-names.py booking contract OfferType,ContextRef,LineTerms,InstanceStatus,BlockingInstance \
        $(grep -rlE "booking::" src src-tauri/src tests benches --include=*.rs)
    scripts/move-names.py money limits MAX_AMOUNT,MAX_AMOUNT_TEXT,MAX_QUANTITY,MAX_QUANTITY_TEXT,MAX_TERM_MONTHS \
        $(grep -rlE "money::" src src-tauri/src tests benches --include=*.rs)

A glob import (`use servicefolio::booking::*;`) is not rewritten: add the moved
names it used by hand.
"""
import re, sys
frm, to, names, files = sys.argv[1], sys.argv[2], set(sys.argv[3].split(',')), sys.argv[4:]
pat = re.compile(r'^(\s*)(pub(?:\(crate\))? )?use (crate|servicefolio)::' + re.escape(frm) + r'::(\{[^}]*\}|\w+);\n', re.M)
for f in files:
    s = open(f).read()
    def rep(m):
        ind, vis, root, body = m.group(1), m.group(2) or '', m.group(3), m.group(4)
        items = [x.strip() for x in body.strip('{}').split(',') if x.strip()]
        moved = [x for x in items if x.split(' as ')[0] in names]
        if not moved:
            return m.group(0)
        kept = [x for x in items if x not in moved]
        def stmt(mod, xs):
            inner = xs[0] if len(xs) == 1 and xs[0] != 'self' else '{' + ', '.join(xs) + '}'
            return f'{ind}{vis}use {root}::{mod}::{inner};\n'
        out = stmt(frm, kept) if kept else ''
        return out + stmt(to, moved)
    t = pat.sub(rep, s)
    # inline paths: root::from::Name
    for n in names:
        t = re.sub(r'\b(crate|servicefolio)::' + re.escape(frm) + r'::' + n + r'\b', r'\1::' + to + '::' + n, t)
    if t != s:
        open(f, 'w').write(t); print('rewrote', f)

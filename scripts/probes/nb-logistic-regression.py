#!/usr/bin/env python3
"""A feasibility probe outside the project (issue 12, v5): how far a linear model over NB-weighted n-grams
goes on IMDB's training split, to decide whether the n-gram branch should weight its n-grams that way.

    python3 scripts/probes/nb-logistic-regression.py <aclImdb_v1 labelled .tar.gz> [order 1-3 (default 3)]

NBSVM's features (Wang & Manning 2012): each review's distinct n-grams up to `order` (binarized), scaled by
their log-count ratio r = log((p/|p|1) / (q/|q|1)) with p, q = 1 + the counts in positive and negative
training reviews; then L2-regularised logistic regression (L-BFGS) at two strengths. Reads only the
training split (25,000 reviews) and holds 5,000 of them out (a random split, seed 42, not the project's
split; a regex tokenizer, not the project's): it never reads the test split. Needs numpy and scipy
(Debian: python3-numpy python3-scipy). Prints the validation accuracy of NB alone and of the regression.
"""
import random
import re
import sys
import tarfile
import time

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize

TOKEN = re.compile(r"[a-z0-9']+|[!?]")


def read_training_split(archive):
    docs = []
    with tarfile.open(archive) as tf:
        for m in tf:
            p = m.name
            if m.isfile() and '/train/' in p and ('/pos/' in p or '/neg/' in p) and p.endswith('.txt'):
                docs.append((tf.extractfile(m).read().decode('utf-8', 'replace'), 1 if '/pos/' in p else 0))
    docs.sort()  # archive order does not decide the split
    random.Random(42).shuffle(docs)
    return docs


def ngrams(text, order):
    w = TOKEN.findall(text.lower().replace('<br />', ' '))
    g = set(w)
    if order >= 2:
        g.update(a + ' ' + b for a, b in zip(w, w[1:]))
    if order >= 3:
        g.update(a + ' ' + b + ' ' + c for a, b, c in zip(w, w[1:], w[2:]))
    return g


def binary_matrix(docs, order, index, grow):
    rows, cols = [], []
    for i, (text, _) in enumerate(docs):
        for g in ngrams(text, order):
            j = index.setdefault(g, len(index)) if grow else index.get(g)
            if j is not None:
                rows.append(i)
                cols.append(j)
    return rows, cols


def main():
    archive = sys.argv[1]
    order = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    t0 = time.time()
    docs = read_training_split(archive)
    train, val = docs[:20000], docs[20000:]
    index = {}
    r_, c_ = binary_matrix(train, order, index, True)
    x = sp.csr_matrix((np.ones(len(r_), dtype=np.float32), (r_, c_)), shape=(len(train), len(index)))
    r_, c_ = binary_matrix(val, order, index, False)
    v = sp.csr_matrix((np.ones(len(r_), dtype=np.float32), (r_, c_)), shape=(len(val), len(index)))
    y = np.array([label for _, label in train], dtype=np.float64)
    yv = np.array([label for _, label in val])
    print(f"order {order}: {len(index)} distinct n-grams in the 20,000 training reviews ({time.time() - t0:.0f} s)")
    p = 1 + np.asarray(x[y == 1].sum(0)).ravel()
    q = 1 + np.asarray(x[y == 0].sum(0)).ravel()
    r = np.log((p / p.sum()) / (q / q.sum()))
    prior = np.log((y == 1).mean() / (y == 0).mean())
    print(f"NB alone: validation accuracy {((v @ r + prior > 0).astype(int) == yv).mean():.4f}")
    xr, vr = x.multiply(r).tocsr(), v.multiply(r).tocsr()
    for c in (0.1, 1.0):
        lam = 1.0 / (c * len(train))

        def loss(wb):
            w, b = wb[:-1], wb[-1]
            z = xr @ w + b
            s = 1 / (1 + np.exp(-z))
            value = (np.logaddexp(0, -z) * y + np.logaddexp(0, z) * (1 - y)).mean() + 0.5 * lam * w @ w
            return value, np.append(xr.T @ (s - y) / len(y) + lam * w, (s - y).mean())

        res = minimize(loss, np.zeros(xr.shape[1] + 1), jac=True, method='L-BFGS-B', options={'maxiter': 300})
        acc = (((vr @ res.x[:-1] + res.x[-1]) > 0).astype(int) == yv).mean()
        print(f"NB-weighted logistic regression, C {c}: validation accuracy {acc:.4f} "
              f"({res.nit} iterations, {time.time() - t0:.0f} s)")


if __name__ == '__main__':
    main()

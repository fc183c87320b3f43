#!/usr/bin/env python3
"""A linear n-gram baseline on the project's validation split, to see what the n-gram side of v5 could reach.

NB-LR (Wang & Manning 2012's NBSVM with a logistic loss): binarised unigrams + bigrams (+ trigrams) of the
training reviews, each scaled by its Naive Bayes log-count ratio, then an L2-regularised logistic regression
(L-BFGS). Trains on the 20,000 training reviews of a validated run and scores its 5,000 validation reviews
(validation-ids.txt of that run); it never opens the test reviews. Not part of the project: numpy and scipy
only, a tokenizer that copies WordTokenizer's rules. Writes each validation review's logit for
ensemble-validation.py, and the validation reviews one per line (val.txt) for `predict --file`.

usage: nb-lr-validation.py LABELLED_TAR_GZ VALIDATION_IDS OUT_DIR
"""
import re
import sys
import tarfile
import time

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize

BREAK = re.compile(r'(?i)<br\s*/?>')
TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*|[^\s\w'\u2019]|_")


def tokens(text):
    return [t.replace('\u2019', "'") for t in TOKEN.findall(BREAK.sub(' ', text).lower())]


def grams(ts, order):
    out = set(ts)
    if order >= 2:
        out.update(a + ' ' + b for a, b in zip(ts, ts[1:]))
    if order >= 3:
        out.update(a + ' ' + b + ' ' + c for a, b, c in zip(ts, ts[1:], ts[2:]))
    return out


def read(archive, validation):
    train, val, val_ids, texts = [], [], [], []
    with tarfile.open(archive) as tf:
        for m in tf:
            parts = m.name.split('/')
            if len(parts) != 4 or parts[1] != 'train' or parts[2] not in ('pos', 'neg') or not m.name.endswith('.txt'):
                continue  # test reviews are never read
            rid = f"train/{parts[2]}/{parts[3][:-4]}"
            text = tf.extractfile(m).read().decode('utf-8')
            row = (tokens(text), 1 if parts[2] == 'pos' else 0)
            if rid in validation:
                val.append(row)
                val_ids.append(rid)
                texts.append(text.replace('\r', ' ').replace('\n', ' '))
            else:
                train.append(row)
    return train, val, val_ids, texts


def matrix(rows, order, vocab, grow):
    r, c = [], []
    for i, (ts, _) in enumerate(rows):
        for g in grams(ts, order):
            j = vocab.setdefault(g, len(vocab)) if grow else vocab.get(g)
            if j is not None:
                r.append(i)
                c.append(j)
    return r, c


def nb_lr(train, val, order, c_value):
    vocab = {}
    r, c = matrix(train, order, vocab, True)
    x = sp.csr_matrix((np.ones(len(r), np.float32), (r, c)), shape=(len(train), len(vocab)))
    r, c = matrix(val, order, vocab, False)
    xv = sp.csr_matrix((np.ones(len(r), np.float32), (r, c)), shape=(len(val), len(vocab)))
    y = np.array([label for _, label in train])
    p = 1 + np.asarray(x[y == 1].sum(0)).ravel()
    q = 1 + np.asarray(x[y == 0].sum(0)).ravel()
    ratio = np.log((p / p.sum()) / (q / q.sum())).astype(np.float32)
    xr, xvr, signs = x.multiply(ratio).tocsr(), xv.multiply(ratio).tocsr(), 2 * y - 1

    def loss(w):
        margin = signs * (xr @ w[:-1] + w[-1])
        g = -signs / (1 + np.exp(margin)) * c_value
        return (np.logaddexp(0, -margin).sum() * c_value + 0.5 * w[:-1] @ w[:-1],
                np.concatenate([xr.T @ g + w[:-1], [g.sum()]]))

    w = minimize(loss, np.zeros(xr.shape[1] + 1), jac=True, method='L-BFGS-B', options={'maxiter': 300}).x
    return len(vocab), xvr @ w[:-1] + w[-1]


def main(archive, ids_file, out_dir):
    start = time.time()
    validation = {line.strip() for line in open(ids_file) if line.strip()}
    train, val, val_ids, texts = read(archive, validation)
    print(f"{len(train)} training, {len(val)} validation reviews ({time.time() - start:.0f} s)", flush=True)
    with open(f"{out_dir}/val_ids.txt", 'w') as f:
        f.write('\n'.join(val_ids) + '\n')
    with open(f"{out_dir}/val.txt", 'w') as f:  # for `imdb-sentiment predict --file`
        f.write('\n'.join(texts) + '\n')
    yv = np.array([label for _, label in val])
    for order in (2, 3):
        best = None
        for c_value in (0.1, 1.0):
            features, logits = nb_lr(train, val, order, c_value)
            acc = ((logits > 0) == yv).mean()
            print(f"order {order}, C {c_value}: {features} n-grams, validation accuracy {acc:.4f} "
                  f"({time.time() - start:.0f} s)", flush=True)
            if best is None or acc > best[0]:
                best = (acc, logits)
        np.save(f"{out_dir}/val_logit_n{order}.npy", best[1])


if __name__ == '__main__':
    main(*sys.argv[1:4])

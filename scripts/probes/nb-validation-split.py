#!/usr/bin/env python3
"""Probes outside the project (issue 12, v5): NB-weighted n-grams on the project's own validation split.

    python3 scripts/probes/nb-validation-split.py LABELLED_TAR_GZ VALIDATION_IDS OUT_DIR MODE [options]

Reads the training split only: the reviews listed in VALIDATION_IDS (a validated run's validation-ids.txt) are
held out, the rest trained on; the test split is never read. Tokens follow WordTokenizer's rules. Writes
OUT_DIR/val_ids.txt and OUT_DIR/val.txt (the validation reviews, one per line, for `imdb-sentiment predict
--file`), and each model's validation logits for log-odds-average.py. MODE:

  lbfgs   NB-LR (NBSVM's features, Wang & Manning 2012: binarised n-grams scaled by their Naive Bayes
          log-count ratios; L2-regularised logistic regression by L-BFGS) on every n-gram, no vocabulary cap,
          orders 2 and 3, C 0.1 and 1.
  hashed  the same on what the project's bag sees: the 25,000 most frequent training words (others UNK;
          --vocabulary), bigrams (and trigrams) hashed into 2^20 buckets (--buckets; Python's hash,
          PYTHONHASHSEED=0), reviews cut at --max-length tokens head and tail (0: whole).
  adam    the hashed features trained as the project's layers train them: minibatches of 64, Adam, a table of
          --size values per row (1: a plain weight; more: a table, dropout on the bag, then one linear unit),
          reviews cut at --max-length tokens head and tail (0: whole), validation accuracy after each epoch.

Needs numpy and scipy (Debian: python3-numpy python3-scipy).
"""
import argparse
import collections
import re
import tarfile
import time

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize

BREAK = re.compile(r'(?i)<br\s*/?>')
TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*|[^\s\w'\u2019]|_")
BUCKETS = 1 << 20


def tokens(text):
    return [t.replace('\u2019', "'") for t in TOKEN.findall(BREAK.sub(' ', text).lower())]


def read(archive, validation):
    """(tokens, label) of the training and validation reviews, the validation ids and texts in archive order."""
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


def exact_grams(ts, order):
    out = set(ts)
    if order >= 2:
        out.update(a + ' ' + b for a, b in zip(ts, ts[1:]))
    if order >= 3:
        out.update(a + ' ' + b + ' ' + c for a, b, c in zip(ts, ts[1:], ts[2:]))
    return out


class Hashed:
    """Ids as the project's bag reads them: vocabulary ids (UNK = 1) and hashed n-gram buckets after them."""

    def __init__(self, train, order, max_length, vocabulary=25000, buckets=BUCKETS):
        counts = collections.Counter(t for ts, _ in train for t in ts)
        common = counts.most_common(vocabulary or None)
        self.vocab = {w: i + 2 for i, (w, _) in enumerate(common)}
        self.words = len(common) + 2
        self.order = order
        self.max_length = max_length
        self.buckets = buckets

    def __call__(self, ts, _order=None):
        n = self.max_length
        if n and len(ts) > n:
            ts = ts[:n // 4] + ts[-(n - n // 4):]  # as Truncation.HEAD_TAIL: the first quarter, the rest from the end
        w = [self.vocab.get(t, 1) for t in ts]
        out = set(w)
        out.update(self.words + hash((a, b)) % self.buckets for a, b in zip(w, w[1:]))
        if self.order >= 3:
            out.update(self.words + hash((a, b, c)) % self.buckets for a, b, c in zip(w, w[1:], w[2:]))
        return out


def binary(rows, grams, order, index=None, columns=None):
    """Binarised n-gram matrix; with index a dict, new n-grams get new columns (training) or are dropped."""
    r, c = [], []
    for i, (ts, _) in enumerate(rows):
        for g in grams(ts, order):
            j = g if index is None else (index.setdefault(g, len(index)) if columns is None else index.get(g))
            if j is not None:
                r.append(i)
                c.append(j)
    width = columns if columns is not None else (len(index) if index is not None else None)
    return sp.csr_matrix((np.ones(len(r), np.float32), (r, c)), shape=(len(rows), width))


def nb_scaled(x, xv, y):
    p = 1 + np.asarray(x[y == 1].sum(0)).ravel()
    q = 1 + np.asarray(x[y == 0].sum(0)).ravel()
    ratio = np.log((p / p.sum()) / (q / q.sum())).astype(np.float32)
    return x.multiply(ratio).tocsr(), xv.multiply(ratio).tocsr()


def lbfgs(xr, xvr, y, c_value):
    signs = 2 * y - 1

    def loss(w):
        margin = signs * (xr @ w[:-1] + w[-1])
        g = -signs / (1 + np.exp(margin)) * c_value
        return (np.logaddexp(0, -margin).sum() * c_value + 0.5 * w[:-1] @ w[:-1],
                np.concatenate([xr.T @ g + w[:-1], [g.sum()]]))

    w = minimize(loss, np.zeros(xr.shape[1] + 1), jac=True, method='L-BFGS-B', options={'maxiter': 300}).x
    return xvr @ w[:-1] + w[-1]


class Adam:
    def __init__(self, shape, rate):
        self.m, self.v, self.t, self.rate = np.zeros(shape, np.float32), np.zeros(shape, np.float32), 0, rate

    def step(self, g):
        self.t += 1
        self.m = 0.9 * self.m + 0.1 * g
        self.v = 0.999 * self.v + 0.001 * g * g
        return self.rate * (self.m / (1 - 0.9 ** self.t)) / (np.sqrt(self.v / (1 - 0.999 ** self.t)) + 1e-8)


def adam(xr, xvr, y, yv, size, dropout, rate, epochs, out_dir, log):
    """Minibatches of 64: bag = x_r @ W [rows, size], dropout on the bag, one linear unit (size 1: W alone)."""
    rng = np.random.default_rng(42)
    rows = xr.shape[1]
    table = rng.uniform(-0.05, 0.05, (rows, size)).astype(np.float32)
    unit = np.ones(size, np.float32) if size == 1 else (rng.uniform(-1, 1, size) * np.sqrt(6 / (size + 1))).astype(np.float32)
    bias = np.float32(0)
    opt_table, opt_unit, opt_bias = Adam(table.shape, rate), Adam(unit.shape, rate), Adam((), rate)
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(y))
        for s in range(0, len(y), 64):
            idx = order[s:s + 64]
            xb = xr[idx]
            bag = xb @ table
            keep = (rng.random(bag.shape) >= dropout).astype(np.float32) / (1 - dropout) if dropout > 0 else 1
            dropped = bag * keep
            g = (1 / (1 + np.exp(-(dropped @ unit + bias))) - y[idx]) / len(idx)
            g_unit, g_bias = dropped.T @ g, g.sum()
            table -= opt_table.step(xb.T @ (np.outer(g, unit) * keep))
            if size > 1:
                unit -= opt_unit.step(g_unit)
            bias -= opt_bias.step(g_bias)
        logits = (xvr @ table) @ unit + bias
        log(f"adam size {size} dropout {dropout} rate {rate} epoch {epoch}: validation accuracy "
            f"{((logits > 0) == yv).mean():.4f}")
        np.save(f"{out_dir}/val_logit_adam_e{epoch}.npy", logits)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('archive')
    ap.add_argument('validation_ids')
    ap.add_argument('out_dir')
    ap.add_argument('mode', choices=['lbfgs', 'hashed', 'adam'])
    ap.add_argument('--order', type=int, default=2)
    ap.add_argument('--size', type=int, default=1)
    ap.add_argument('--dropout', type=float, default=0.0)
    ap.add_argument('--rate', type=float, default=0.001)
    ap.add_argument('--epochs', type=int, default=8)
    ap.add_argument('--max-length', type=int, default=0)
    ap.add_argument('--vocabulary', type=int, default=25000, help="words with their own unigram id (0: every word)")
    ap.add_argument('--buckets', type=int, default=BUCKETS, help="hashed n-gram buckets")
    a = ap.parse_args()
    start = time.time()

    def log(line):
        print(f"{line} ({time.time() - start:.0f} s)", flush=True)

    validation = {line.strip() for line in open(a.validation_ids) if line.strip()}
    train, val, val_ids, texts = read(a.archive, validation)
    log(f"{len(train)} training, {len(val)} validation reviews")
    with open(f"{a.out_dir}/val_ids.txt", 'w') as f:
        f.write('\n'.join(val_ids) + '\n')
    with open(f"{a.out_dir}/val.txt", 'w') as f:
        f.write('\n'.join(texts) + '\n')
    y = np.array([label for _, label in train], np.float32)
    yv = np.array([label for _, label in val])
    if a.mode == 'lbfgs':
        for order in (2, 3):
            index = {}
            x = binary(train, exact_grams, order, index)
            xv = binary(val, exact_grams, order, index, len(index))
            xr, xvr = nb_scaled(x, xv, y)
            for c_value in (0.1, 1.0):
                logits = lbfgs(xr, xvr, y, c_value)
                log(f"lbfgs order {order}, C {c_value}: {len(index)} n-grams, validation accuracy "
                    f"{((logits > 0) == yv).mean():.4f}")
                np.save(f"{a.out_dir}/val_logit_lbfgs_n{order}_c{c_value}.npy", logits)
        return
    grams = Hashed(train, a.order, a.max_length, a.vocabulary, a.buckets)
    width = grams.words + a.buckets
    x = binary(train, grams, a.order, columns=width)
    xv = binary(val, grams, a.order, columns=width)
    xr, xvr = nb_scaled(x, xv, y)
    if a.mode == 'hashed':
        logits = lbfgs(xr, xvr, y, 1.0)
        log(f"hashed order {a.order}, C 1.0, max length {a.max_length}, vocabulary {grams.words - 2}, buckets "
            f"{a.buckets}: validation accuracy {((logits > 0) == yv).mean():.4f}")
        np.save(f"{a.out_dir}/val_logit_hashed_n{a.order}_m{a.max_length}_v{grams.words - 2}_b{a.buckets}.npy",
                logits)
    else:
        adam(xr, xvr, y, yv, a.size, a.dropout, a.rate, a.epochs, a.out_dir, log)


if __name__ == '__main__':
    main()

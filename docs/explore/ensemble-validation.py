#!/usr/bin/env python3
"""How far two validated models' log-odds, averaged, get on their shared validation split.

Reads val_ids.txt and val_logit_n{2,3}.npy (nb-lr-validation.py) and, for each named model, the output of
`imdb-sentiment predict --run <validated run> --file val.txt --json` (val.txt: the validation reviews in
val_ids.txt's order, one per line). Prints each model's accuracy and that of the mean of two models'
logits, each scaled to unit standard deviation, at weights 0.3/0.5/0.7.

usage: ensemble-validation.py DIR NAME=PREDICTIONS.jsonl ...
"""
import json
import sys

import numpy as np


def logit(p):
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return np.log(p / (1 - p))


def main(folder, named):
    ids = [line.strip() for line in open(f"{folder}/val_ids.txt") if line.strip()]
    y = np.array([1 if '/pos/' in i else 0 for i in ids])
    logits = {f"nb-lr-{n}": np.load(f"{folder}/val_logit_n{n}.npy") for n in (2, 3)}
    for item in named:
        name, path = item.split('=', 1)
        logits[name] = logit(np.array([json.loads(line)['probability_positive'] for line in open(path)]))
    for name, z in logits.items():
        print(f"{name}: {((z > 0) == y).mean():.4f}")
    names = list(logits)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            za, zb = logits[a] / logits[a].std(), logits[b] / logits[b].std()
            accs = [f"{((w * za + (1 - w) * zb > 0) == y).mean():.4f}" for w in (0.3, 0.5, 0.7)]
            print(f"{a} + {b} (weight of {a} 0.3 / 0.5 / 0.7): {' / '.join(accs)}")


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2:])

#!/usr/bin/env python3
"""A probe outside the project (issue 12, v5): how far two validated models' log-odds, averaged, get on
their shared validation split.

    python3 scripts/probes/log-odds-average.py DIR NAME=FILE ...

DIR holds val_ids.txt (nb-validation-split.py writes it, with val.txt, the validation reviews one per line).
Each FILE is either a model's validation logits (.npy, from nb-validation-split.py) or the output of
`imdb-sentiment predict --run <validated run> --file DIR/val.txt --json` (.jsonl), in val_ids.txt's order.
Prints each model's accuracy, and for each pair the accuracy of the mean of their logits, each scaled to unit
standard deviation, at weights 0.3 / 0.5 / 0.7 for the first. Needs numpy.
"""
import json
import sys

import numpy as np


def logits(path):
    if path.endswith('.npy'):
        return np.load(path)
    p = np.clip(np.array([json.loads(line)['probability_positive'] for line in open(path)]), 1e-7, 1 - 1e-7)
    return np.log(p / (1 - p))


def main(folder, named):
    ids = [line.strip() for line in open(f"{folder}/val_ids.txt") if line.strip()]
    y = np.array([1 if '/pos/' in i else 0 for i in ids])
    models = {}
    for item in named:
        name, path = item.split('=', 1)
        models[name] = logits(path)
        print(f"{name}: {((models[name] > 0) == y).mean():.4f}")
    names = list(models)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            za, zb = models[a] / models[a].std(), models[b] / models[b].std()
            accs = [f"{((w * za + (1 - w) * zb > 0) == y).mean():.4f}" for w in (0.3, 0.5, 0.7)]
            print(f"{a} + {b} (weight of {a} 0.3 / 0.5 / 0.7): {' / '.join(accs)}")


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2:])

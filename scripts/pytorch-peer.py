#!/usr/bin/env python3
"""The PyTorch peer of `imdb-sentiment benchmark`: the same model trained on 64 x 256 padded batches.

Embedding 25,002 x 100 -> LSTM 256 (unpacked) -> last step -> Linear 1, BCE-with-logits, Adam 1e-3,
denormals flushed to zero. Prints one JSON line per thread count: ms per training batch (forward,
backward, Adam) and per inference batch, median and min, and padded tokens per second.
Needs PyTorch (Debian: apt-get install python3-torch). Run it on a quiet machine:

    /usr/bin/python3 scripts/pytorch-peer.py [--threads 1 2] [--batches 20]
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn


class Classifier(nn.Module):
    def __init__(self, vocab=25002, embedding=100, hidden=256):
        super().__init__()
        self.embedding = nn.Embedding(vocab, embedding, padding_idx=0)
        self.lstm = nn.LSTM(embedding, hidden, batch_first=True)
        self.out = nn.Linear(hidden, 1)

    def forward(self, tokens):
        states, _ = self.lstm(self.embedding(tokens))
        return self.out(states[:, -1, :]).squeeze(1)


def timed(step, batches, warmup):
    millis = []
    for i in range(warmup + batches):
        t0 = time.perf_counter()
        step()
        if i >= warmup:
            millis.append((time.perf_counter() - t0) * 1000)
    return millis


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    p.add_argument("--batches", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--steps", type=int, default=256)
    a = p.parse_args()
    torch.set_flush_denormal(True)
    torch.manual_seed(42)
    tokens = torch.randint(2, 25002, (a.batch_size, a.steps))
    labels = torch.randint(0, 2, (a.batch_size,)).float()
    padded = a.batch_size * a.steps
    for threads in a.threads:
        torch.set_num_threads(threads)
        model = Classifier()
        optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
        loss_fn = nn.BCEWithLogitsLoss()

        def train_step():
            optimiser.zero_grad()
            loss_fn(model(tokens), labels).backward()
            optimiser.step()

        def infer_step():
            with torch.no_grad():
                model(tokens)

        train = timed(train_step, a.batches, a.warmup)
        infer = timed(infer_step, a.batches, a.warmup)
        print(json.dumps({
            "benchmark": "pytorch-peer", "torch": torch.__version__, "threads": threads,
            "batch_size": a.batch_size, "steps": a.steps, "flush_denormal": True, "packed": False,
            "train": {"ms_median": round(statistics.median(train), 1), "ms_min": round(min(train), 1),
                      "padded_tokens_per_s": round(padded * len(train) / (sum(train) / 1000))},
            "inference": {"ms_median": round(statistics.median(infer), 1), "ms_min": round(min(infer), 1),
                          "padded_tokens_per_s": round(padded * len(infer) / (sum(infer) / 1000))},
        }), flush=True)


if __name__ == "__main__":
    main()

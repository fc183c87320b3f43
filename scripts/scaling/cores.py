"""Do the machine's cores add throughput when both work? One process, then two at once, per kind of work.

Run with OPENBLAS_NUM_THREADS=1 (scaling.sh sets it): PyTorch's torch.set_num_threads does not bind
Debian's pthread OpenBLAS, which would otherwise use every core inside a single process.
Usage: python3 cores.py scalar|gemm|biggemm SECONDS
"""
import sys
import time

import torch

torch.set_num_threads(1)
kind, secs = sys.argv[1], float(sys.argv[2])
if kind in ("gemm", "biggemm"):
    m, k, n = (64, 256, 1024) if kind == "gemm" else (1024, 1024, 1024)  # one LSTM step's product; a large one
    a, b = torch.randn(m, k), torch.randn(k, n)
    count, t0 = 0, time.time()
    while time.time() - t0 < secs:
        torch.mm(a, b)
        count += 1
    print(f"{kind} {m}x{k}x{n}: {2 * m * k * n * count / (time.time() - t0) / 1e9:.1f} GFLOP/s")
else:
    # Integer arithmetic in the interpreter: no memory traffic, no vector units.
    count, t0, x = 0, time.time(), 1
    while time.time() - t0 < secs:
        for _ in range(100000):
            x = (x * 1103515245 + 12345) & 0xFFFFFFFF
        count += 100000
    print(f"scalar: {count / (time.time() - t0) / 1e6:.2f} M iterations/s")

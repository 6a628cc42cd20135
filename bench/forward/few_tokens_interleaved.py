#!/usr/bin/env python3
"""Few-token passes through GPT-3's block, Fact Lab in process against numpy, alternated pass by pass.

usage: few_tokens_interleaved.py D_MODEL NEURONS ROUNDS -- JAVA_COMMAND...
The Java command (bench/forward/FewTokens.java ... serve) holds its block and answers one pass per request; this
process holds the numpy block. Each round runs, for every token count, the read probe of both processes (1 GiB on
both cores: Java with eight streams per core, numpy's sgemv) and one pass of each, back to back, so that a load
that comes and goes hits both sides alike; each measurement starts after a 0.3 s pause (OpenBLAS's threads spin after
a call and would slow whatever runs next). The memory bound of a round is the weight bytes at the faster of the two
probes. Prints the median over rounds of each figure and of the per-round ratios,
and one JSON line last. Needs memory for both blocks (2 x 4.8 GB at GPT-3's size)."""
import json, os, subprocess, sys, time

# numpy runs as in gpt3_block_numpy.py (its OpenBLAS picks its own kernels); Java keeps the environment it was given.
java_env = dict(os.environ)
for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
    os.environ.pop(name, None)
import numpy as np  # noqa: E402

sep = sys.argv.index("--")
d, n, rounds = (int(a) for a in sys.argv[1:4])
java = subprocess.Popen(sys.argv[sep + 1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
                        env=java_env)
while (line := java.stdout.readline()) and line.strip() != "ready":
    pass


def ask(request):
    java.stdin.write(f"{request}\n")
    java.stdin.flush()
    return float(java.stdout.readline())


rng = np.random.default_rng(0)
w_up = rng.standard_normal((n, d), dtype=np.float32)
w_down = rng.standard_normal((d, n), dtype=np.float32)
probe = np.ones(2 ** 28, dtype=np.float32)
square, ones = probe.reshape(2 ** 14, 2 ** 14), np.ones(2 ** 14, dtype=np.float32)
weight_bytes = w_up.nbytes + w_down.nbytes
tokens_list = [1, 2, 4, 8, 16]
inputs = {t: rng.standard_normal((t, d), dtype=np.float32) for t in tokens_list}


def numpy_pass(e):
    t = time.perf_counter()
    h = np.maximum(e @ w_up.T, 0)
    h @ w_down.T
    return time.perf_counter() - t


def numpy_probe():
    t = time.perf_counter()
    square @ ones
    return time.perf_counter() - t


for t in tokens_list:  # warm-up: JIT, first touches
    ask(t); numpy_pass(inputs[t])
ask("probe"); numpy_probe()


def settled(measure, *args):
    # OpenBLAS's threads spin for a while after a call, and would take the cores from whatever runs next: every
    # measurement starts after a pause in which both sides' threads go idle.
    time.sleep(SETTLE_SECONDS)
    return measure(*args)


SETTLE_SECONDS = 0.3
rows = {t: [] for t in tokens_list}
for r in range(rounds):
    for t in tokens_list:
        jp, npb = settled(ask, "probe"), settled(numpy_probe)
        jt, nt = settled(ask, t), settled(numpy_pass, inputs[t])
        rows[t].append((jt, nt, jp, npb))
java.stdin.close()
java.wait()
med = lambda xs: sorted(xs)[len(xs) // 2]
gib = 2 ** 30
out = {"weightBytes": weight_bytes, "rounds": rounds, "tokens": {}}
print(f"alternated, {rounds} rounds; bound = weight bytes at the faster probe (Java or numpy) of the same round")
print("| tokens | Fact Lab | numpy | Fact Lab / numpy | Java probe | numpy sgemv probe | Fact Lab / bound |")
print("|---|---|---|---|---|---|---|")
for t in tokens_list:
    rs = rows[t]
    jt, nt = med([x[0] for x in rs]), med([x[1] for x in rs])
    ratio = med([x[0] / x[1] for x in rs])
    jbw, nbw = med([gib / x[2] for x in rs]), med([gib / x[3] for x in rs])
    over_bound = med([x[0] / (weight_bytes * min(x[2], x[3]) / gib) for x in rs])
    out["tokens"][t] = {"factLabSeconds": jt, "numpySeconds": nt, "factLabOverNumpy": ratio,
                        "javaProbeBytesPerS": jbw, "numpyProbeBytesPerS": nbw, "factLabOverBound": over_bound}
    print(f"| {t} | {jt*1e3:.0f} ms | {nt*1e3:.0f} ms | {ratio:.2f} | {jbw/1e9:.1f} GB/s | {nbw/1e9:.1f} GB/s | {over_bound:.2f} |")
print(json.dumps(out))

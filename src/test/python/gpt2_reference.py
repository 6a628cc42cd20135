#!/usr/bin/env python3
"""Independent reference for the service's GPT-2 (issue 10, part 2).

Generates a tiny random GPT-2 checkpoint in the Hugging Face layout (config.json and
model.safetensors, written here byte by byte from the format's description), runs GPT-2's
forward pass on it in float64 numpy, and writes what the Java test compares with.

Usage: gpt2_reference.py OUT_DIR
  reads   OUT_DIR/inputs.json      {"sequences": [[token ids], ...],
                                    "ablation": {"layer": l, "neurons": [...]}}
  writes  OUT_DIR/checkpoints/<variant>/{config.json, model.safetensors}
            tiny-gpt2           F32, names without a prefix, with the h.N.attn.bias mask buffers
            tiny-gpt2-prefixed  F32, the same weights named transformer.*, plus a tied lm_head.weight
            tiny-gpt2-f16       the weights rounded to F16
            tiny-gpt2-bf16      the weights rounded to BF16 (round to nearest even)
          OUT_DIR/reference.json   per variant (f32, f16, bf16) and sequence: every layer's MLP
                                   activations (hook_post), MLP output and residual output, the
                                   final hidden state, the top-10 next tokens; the same for the
                                   ablated pass of sequence 0
          OUT_DIR/<variant>.logits.f64  [sequences + 1, vocab] little-endian float64: the last
                                   token's logits of each sequence, then of the ablated pass
Only numpy is needed.

Also: gpt2_reference.py --random-checkpoint DIR N_EMBD N_LAYER N_HEAD N_POSITIONS
  writes only a random F32 checkpoint of that shape (e.g. 768 12 12 1024, GPT-2 small's, 498 MB) for timing the
  loader and the pass on a real-sized model; its outputs mean nothing.
"""
import json
import os
import struct
import sys

import numpy as np

VOCAB = 50257
POSITIONS = 64
D = 32
HEADS = 4
LAYERS = 2
EPS = 1e-5
SEED = 20261201


def weights(d=D, layers=LAYERS, positions=POSITIONS):
    rng = np.random.default_rng(SEED)
    neurons = 4 * d

    def normal(std, *shape):
        return (rng.standard_normal(shape) * std).astype(np.float32)

    w = {"wte.weight": normal(0.5, VOCAB, d), "wpe.weight": normal(0.3, positions, d)}
    for l in range(layers):
        p = f"h.{l}."
        w[p + "ln_1.weight"] = (1 + normal(0.1, d)).astype(np.float32)
        w[p + "ln_1.bias"] = normal(0.1, d)
        w[p + "attn.c_attn.weight"] = normal(0.3, d, 3 * d)
        w[p + "attn.c_attn.bias"] = normal(0.1, 3 * d)
        w[p + "attn.c_proj.weight"] = normal(0.2, d, d)
        w[p + "attn.c_proj.bias"] = normal(0.1, d)
        w[p + "ln_2.weight"] = (1 + normal(0.1, d)).astype(np.float32)
        w[p + "ln_2.bias"] = normal(0.1, d)
        w[p + "mlp.c_fc.weight"] = normal(0.3, d, neurons)
        w[p + "mlp.c_fc.bias"] = normal(0.1, neurons)
        w[p + "mlp.c_proj.weight"] = normal(0.1, neurons, d)
        w[p + "mlp.c_proj.bias"] = normal(0.1, d)
    w["ln_f.weight"] = (1 + normal(0.1, d)).astype(np.float32)
    w["ln_f.bias"] = normal(0.1, d)
    return w


def to_bf16_bits(a):
    """float32 -> bfloat16 bits, round to nearest even."""
    bits = a.astype(np.float32).view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
    return rounded.astype(np.uint16)


def from_bf16_bits(bits):
    return (bits.astype(np.uint32) << 16).view(np.float32)


def write_safetensors(path, tensors):
    """tensors: name -> (dtype string, numpy array whose bytes are stored little-endian)."""
    header = {"__metadata__": {"format": "pt"}}
    offset = 0
    blobs = []
    for name, (dtype, array) in tensors.items():
        data = np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def write_checkpoint(directory, tensors, d=D, layers=LAYERS, heads=HEADS, positions=POSITIONS):
    os.makedirs(directory, exist_ok=True)
    config = {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "vocab_size": VOCAB,
              "n_positions": positions, "n_ctx": positions, "n_embd": d, "n_layer": layers, "n_head": heads,
              "n_inner": None, "activation_function": "gelu_new", "layer_norm_epsilon": EPS}
    with open(os.path.join(directory, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    write_safetensors(os.path.join(directory, "model.safetensors"), tensors)


def layer_norm(x, g, b):
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * g + b


def gelu_new(x):
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))


def forward(w, ids, ablation=None):
    """GPT-2 in float64: returns per-layer dicts, the final hidden state and the last token's logits."""
    w = {k: v.astype(np.float64) for k, v in w.items()}
    t = len(ids)
    x = w["wte.weight"][ids] + w["wpe.weight"][np.arange(t)]
    dh = D // HEADS
    mask = np.triu(np.ones((t, t), dtype=bool), k=1)
    layers = []
    for l in range(LAYERS):
        p = f"h.{l}."
        a = layer_norm(x, w[p + "ln_1.weight"], w[p + "ln_1.bias"])
        qkv = a @ w[p + "attn.c_attn.weight"] + w[p + "attn.c_attn.bias"]
        q, k, v = qkv[:, :D], qkv[:, D:2 * D], qkv[:, 2 * D:]
        z = np.zeros((t, D))
        for h in range(HEADS):
            cols = slice(h * dh, (h + 1) * dh)
            scores = q[:, cols] @ k[:, cols].T / np.sqrt(dh)
            scores[mask] = -np.inf
            scores = np.exp(scores - scores.max(axis=1, keepdims=True))
            scores /= scores.sum(axis=1, keepdims=True)
            z[:, cols] = scores @ v[:, cols]
        x = x + z @ w[p + "attn.c_proj.weight"] + w[p + "attn.c_proj.bias"]
        m = layer_norm(x, w[p + "ln_2.weight"], w[p + "ln_2.bias"])
        post = gelu_new(m @ w[p + "mlp.c_fc.weight"] + w[p + "mlp.c_fc.bias"])
        if ablation is not None and ablation["layer"] == l:
            post[:, ablation["neurons"]] = 0
        mlp_out = post @ w[p + "mlp.c_proj.weight"] + w[p + "mlp.c_proj.bias"]
        x = x + mlp_out
        layers.append({"neurons": post.tolist(), "mlpOut": mlp_out.tolist(), "output": x.tolist()})
    hidden = layer_norm(x, w["ln_f.weight"], w["ln_f.bias"])
    logits = hidden[-1] @ w["wte.weight"].T
    return layers, hidden, logits


def top(logits, k=10):
    shifted = logits - logits.max()
    probs = np.exp(shifted) / np.exp(shifted).sum()
    order = np.argsort(-logits, kind="stable")[:k]
    return [{"id": int(i), "probability": float(probs[i]), "logit": float(logits[i])} for i in order]


def main():
    if sys.argv[1] == "--random-checkpoint":
        d, layers, heads, positions = (int(a) for a in sys.argv[3:7])
        w = weights(d, layers, positions)
        write_checkpoint(sys.argv[2], {name: ("F32", a) for name, a in w.items()}, d, layers, heads, positions)
        return
    out = sys.argv[1]
    with open(os.path.join(out, "inputs.json")) as f:
        inputs = json.load(f)
    w = weights()
    mask_buffer = np.tril(np.ones((POSITIONS, POSITIONS), dtype=np.float32)).reshape(1, 1, POSITIONS, POSITIONS)
    plain = {name: ("F32", a) for name, a in w.items()}
    for l in range(LAYERS):
        plain[f"h.{l}.attn.bias"] = ("F32", mask_buffer)
    write_checkpoint(os.path.join(out, "checkpoints", "tiny-gpt2"), plain)
    prefixed = {"transformer." + name: ("F32", a) for name, a in w.items()}
    prefixed["lm_head.weight"] = ("F32", w["wte.weight"])
    write_checkpoint(os.path.join(out, "checkpoints", "tiny-gpt2-prefixed"), prefixed)
    f16 = {name: a.astype(np.float16) for name, a in w.items()}
    write_checkpoint(os.path.join(out, "checkpoints", "tiny-gpt2-f16"), {n: ("F16", a) for n, a in f16.items()})
    bf16 = {name: to_bf16_bits(a) for name, a in w.items()}
    write_checkpoint(os.path.join(out, "checkpoints", "tiny-gpt2-bf16"), {n: ("BF16", a) for n, a in bf16.items()})
    variants = {"f32": w, "f16": {n: a.astype(np.float32) for n, a in f16.items()},
                "bf16": {n: from_bf16_bits(a) for n, a in bf16.items()}}
    reference = {}
    for variant, weights_ in variants.items():
        runs = []
        logits_rows = []
        for ids in inputs["sequences"]:
            layers, hidden, logits = forward(weights_, ids)
            runs.append({"layers": layers, "hidden": hidden.tolist(), "top": top(logits)})
            logits_rows.append(logits)
        layers, hidden, logits = forward(weights_, inputs["sequences"][0], inputs["ablation"])
        ablated = {"layers": layers, "hidden": hidden.tolist(), "top": top(logits)}
        logits_rows.append(logits)
        reference[variant] = {"sequences": runs, "ablated": ablated}
        np.asarray(logits_rows, dtype="<f8").tofile(os.path.join(out, variant + ".logits.f64"))
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump(reference, f)


if __name__ == "__main__":
    main()

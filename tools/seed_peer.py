"""SEED (LangMamba's denoiser) in PyTorch from Python: the peer of our Java network for
tools/peer-benchmark.py (issue 18). It reads the parameters that `network-benchmark --export` writes (one
.npy per DJL parameter, named by DJL's block path) and computes what SeedDenoiser.java computes, so the
two outputs can be compared to 1e-3 and timed side by side.

The selective scan is the plain recurrence one position at a time, as mamba_ssm's
`selective_scan_ref` (the authors' CUDA kernel is what runs on a GPU; on a CPU a PyTorch user has the
reference loop). Every other layer is one PyTorch call.

Read beside: inference/.../seed/SeedDenoiser.java, mamba/EmaBlock.java, mamba/ChannelSpatialAttention.java,
mamba/EfficientSelectiveScanModule.java, mamba/EfficientScan2d.java, mamba/SelectiveScanBlock.java,
langae/LangAeEncoder.java, langae/ResnetBlock.java, langae/AttentionBlock.java.
"""
import math
import re

import torch
import torch.nn.functional as F

GROUP_NORM_EPS = 1e-6  # langae/GroupNorm.java
LAYER_NORM_EPS = 1e-5  # DJL's LayerNorm default
LEAKY_SLOPE = 0.01  # EmaBlock.java
LOWER_HU, UPPER_HU = -1024.0, 3072.0  # api/Normalization.DEFAULT
WATER = (0.0 - LOWER_HU) / (UPPER_HU - LOWER_HU)
NETWORK_UNIT_IN_100_HU = (UPPER_HU - LOWER_HU) / 100.0


class Params:
    """DJL's parameter names: a child block's parameters are prefixed '<NN><child name>_' (NN its order)."""

    def __init__(self, arrays, prefix=""):
        self.arrays = arrays
        self.prefix = prefix

    # What follows a block's prefix: one of its own parameters, or a child's number.
    REST = re.compile(r"(weight|bias|gamma|beta|A_log|D)$|\d\d")

    def _prefixes(self, name):
        pattern = re.compile(re.escape(self.prefix) + r"\d\d" + re.escape(name) + "_")
        return {m.group(0) for m in (pattern.match(k) for k in self.arrays)
                if m and self.REST.match(m.string[m.end():])}

    def child(self, name):
        prefixes = self._prefixes(name)
        if len(prefixes) != 1:
            raise KeyError("no single child '%s' under '%s' (found %s)" % (name, self.prefix, sorted(prefixes)))
        return Params(self.arrays, prefixes.pop())

    def has(self, name):
        return bool(self._prefixes(name))

    def __getitem__(self, name):
        return self.arrays[self.prefix + name]

    def get(self, name):
        return self.arrays.get(self.prefix + name)


def conv(x, p, padding=None, stride=1, groups=1):
    weight = p["weight"]
    pad = weight.shape[-1] // 2 if padding is None else padding
    return F.conv2d(x, weight, p.get("bias"), stride=stride, padding=pad, groups=groups)


def linear(x, p):
    return F.linear(x, p["weight"], p.get("bias"))


def layer_norm_channels_last(x, p):
    return F.layer_norm(x, x.shape[-1:], p["gamma"], p["beta"], LAYER_NORM_EPS)


def group_norm(x, p, groups):
    return F.group_norm(x, groups, p["gamma"], p["beta"], GROUP_NORM_EPS)


# ---- LangAE's encoder (frozen in SEED) ----

def resnet_block(x, p, groups):
    h = conv(F.silu(group_norm(x, p.child("norm1"), groups)), p.child("conv1"))
    h = conv(F.silu(group_norm(h, p.child("norm2"), groups)), p.child("conv2"))
    skip = conv(x, p.child("shortcut")) if p.has("shortcut") else x
    return h + skip


def attention_block(x, p, groups):
    b, c, height, width = x.shape
    h = group_norm(x, p.child("norm"), groups)
    q = conv(h, p.child("q")).reshape(b, c, -1).transpose(1, 2)
    k = conv(h, p.child("k")).reshape(b, c, -1)
    v = conv(h, p.child("v")).reshape(b, c, -1)
    weights = torch.softmax(q @ k / math.sqrt(c), dim=2)
    attended = (v @ weights.transpose(1, 2)).reshape(b, c, height, width)
    return conv(attended, p.child("proj")) + x


def encoder(x, p, groups, res_blocks, attention_blocks, scales=5):
    """The five scale features (full to 1/16), then the latent, as LangAeEncoder.java returns them."""
    h = conv(x, p.child("conv_in"))
    features = []
    for s in range(scales):
        for r in range(res_blocks):
            h = resnet_block(h, p.child("scale%d_res%d" % (s, r)), groups)
        if s == scales - 1:
            for a in range(attention_blocks):
                h = attention_block(h, p.child("attention%d" % a), groups)
        features.append(h)
        if s < scales - 1:
            h = conv(h, p.child("down%d" % s), padding=1, stride=2)
    h = F.silu(group_norm(h, p.child("norm_out"), groups))
    features.append(conv(h, p.child("conv_out")))
    return features


# ---- the EMA block and its branches ----

def selective_scan(u, delta, a, b, c, d):
    """S6 one position at a time (mamba_ssm's selective_scan_ref): u, delta [B, L, D]; a [D, N]; b, c [B, L, N]."""
    batch, length, channels = u.shape
    decay = torch.exp(delta.unsqueeze(-1) * a)  # [B, L, D, N]
    inputs = (delta * u).unsqueeze(-1) * b.unsqueeze(2)  # [B, L, D, N]
    state = u.new_zeros(batch, channels, a.shape[1])
    outputs = []
    for t in range(length):
        state = decay[:, t] * state + inputs[:, t]
        outputs.append((state * c[:, t].unsqueeze(1)).sum(-1))
    return torch.stack(outputs, dim=1) + u * d


def s6(x, p, states):
    """SelectiveScanBlock.java: delta, B, C from the token; A = -exp(A_log); [B, L, D] in and out."""
    channels = x.shape[-1]
    rank = math.ceil(channels / 16)
    projected = linear(x, p.child("x_proj"))
    delta = F.softplus(linear(projected[..., :rank], p.child("dt_proj")))
    b = projected[..., rank:rank + states]
    c = projected[..., rank + states:]
    return selective_scan(x, delta, -torch.exp(p["A_log"]), b, c, p["D"])


DIRECTIONS = ("top_left_to_bottom_right", "bottom_right_to_top_left", "top_right_to_bottom_left",
              "bottom_left_to_top_right")


def orient(grid, direction):
    """The grid flipped so that row-major order is the direction's order (each its own inverse)."""
    if direction == 1:
        return grid.flip(1, 2)
    if direction == 2:
        return grid.flip(2)
    if direction == 3:
        return grid.flip(1)
    return grid


def scan_grid(grid, direction, p, states):
    b, h, w, channels = grid.shape
    sequence = orient(grid, direction).reshape(b, h * w, channels)
    scanned = s6(sequence, p.child("s6_" + DIRECTIONS[direction]), states).reshape(b, h, w, channels)
    return orient(scanned, direction)


def es2d(x, p, step, states):
    """EfficientScan2d.java: step x step sub-grids, sub-grid (i, j) scanned in direction (i step + j) mod 4."""
    b, height, width, channels = x.shape
    h = -(-height // step)
    w = -(-width // step)
    padded = F.pad(x, (0, 0, 0, w * step - width, 0, h * step - height))
    if step == 1:
        return sum(scan_grid(padded, d, p, states) for d in range(4))[:, :height, :width]
    grids = padded.reshape(b, h, step, w, step, channels)
    rows = []
    for i in range(step):
        columns = [scan_grid(grids[:, :, i, :, j, :], (i * step + j) % 4, p, states) for j in range(step)]
        rows.append(torch.stack(columns, dim=3))
    merged = torch.stack(rows, dim=2).reshape(b, h * step, w * step, channels)
    return merged[:, :height, :width]


def essm(x, p, step, states):
    """EfficientSelectiveScanModule.java, channels-last [B, H, W, C] in and out."""
    u = linear(x, p.child("expand"))
    expanded = u.shape[-1]
    activated = F.silu(conv(u.permute(0, 3, 1, 2), p.child("depthwise"), groups=expanded).permute(0, 2, 3, 1))
    scanned = layer_norm_channels_last(es2d(activated, p, step, states), p.child("norm"))
    return linear(scanned * F.silu(linear(x, p.child("gate"))), p.child("project"))


def csa(x, p):
    """ChannelSpatialAttention.java, NCHW."""
    h = conv(F.gelu(conv(x, p.child("local"))), p.child("local_back"))
    pooled = h.mean(dim=(2, 3), keepdim=True)
    h = h * torch.sigmoid(conv(F.silu(conv(pooled, p.child("channel_squeeze"))), p.child("channel_excite")))
    gate = torch.sigmoid(conv(F.silu(conv(h, p.child("spatial_squeeze"))), p.child("spatial_gate")))
    return h * gate


def ema_block(x, p, step, states, residual):
    """EmaBlock.java: FFN(X + CSA(X) + ESSM(LayerNorm(X))), plus X again (a 1x1 conv when widths differ)."""
    fused = x + csa(x, p.child("csa"))
    if p.has("essm"):
        channels_last = layer_norm_channels_last(x.permute(0, 2, 3, 1), p.child("norm"))
        fused = fused + essm(channels_last, p.child("essm"), step, states).permute(0, 3, 1, 2)
    hidden = F.leaky_relu(conv(fused, p.child("ffn_in")), LEAKY_SLOPE)
    out = F.leaky_relu(conv(hidden, p.child("ffn_out")), LEAKY_SLOPE)
    if residual:
        out = out + (conv(fused, p.child("shortcut")) if p.has("shortcut") else fused)
    return out


class Seed(torch.nn.Module):
    """SeedDenoiser.java with residual output; `groups`, `res_blocks`, `attention_blocks` are the LangAE's
    (compact: 8, 1, 2), `states` and `step` the SEED's (compact: N 8, step 2)."""

    def __init__(self, arrays, groups=8, res_blocks=1, attention_blocks=2, states=8, step=2):
        super().__init__()
        self.p = Params({k: torch.from_numpy(v) for k, v in arrays.items()})
        self.groups = groups
        self.res_blocks = res_blocks
        self.attention_blocks = attention_blocks
        self.states = states
        self.step = step

    def skip(self, features, scale):
        f = features[scale].permute(0, 2, 3, 1)
        return layer_norm_channels_last(f, self.p.child("skip_norm%d" % scale)).permute(0, 3, 1, 2)

    def forward(self, x):
        features = encoder(x, self.p.child("langae_encoder"), self.groups, self.res_blocks, self.attention_blocks)
        top = 4
        h = ema_block(self.skip(features, top), self.p.child("bottleneck"), self.step, self.states, True)
        for scale in range(top - 1, -1, -1):
            skip = self.skip(features, scale)
            up = F.interpolate(h, scale_factor=2, mode="bilinear", align_corners=False)
            up = up[:, :, :skip.shape[2], :skip.shape[3]]
            parts = [skip, up] + ([(x - WATER) * NETWORK_UNIT_IN_100_HU] if scale == 0 else [])
            h = ema_block(torch.cat(parts, dim=1), self.p.child("decoder%d" % scale), self.step, self.states, False)
        return x - conv(h, self.p.child("head"))

"""The palette of a lossless WebP image, replaced without encoding its pixels again.

A figure's dark variant is its light drawing with every palette colour swapped for its dark counterpart
(scripts/figures.py ``darken``). For the 1x PNG that is a new PLTE chunk. A lossless WebP (VP8L) of a palette
image keeps its palette as a small entropy-coded image inside the bitstream (the colour-indexing transform),
followed by the pixels as palette indices: this module reads that small image, writes the new palette in its
place, and copies the rest of the bitstream bit for bit. Encoding the pixels again took as long as encoding them
the first time (libwebp's search for repeats), about a tenth of a figure's cost.

The format is Google's "WebP Lossless Bitstream Specification" (RFC 9649); the names below are its names.
``swap_palette`` raises ``ValueError`` on anything it does not expect (an extended file, a first transform that is
not colour indexing), and its caller then encodes the dark image the ordinary way.
"""

from __future__ import annotations

import heapq
import struct

import numpy as np

NUM_LENGTH_CODES = 24
NUM_DISTANCE_CODES = 40
CODE_LENGTH_CODES = 19
CODE_LENGTH_ORDER = (17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
COLOR_INDEXING_TRANSFORM = 3
MAX_CODE_LENGTH = 15
#: the 120 short distance codes as (x, y) offsets in the image (RFC 9649, 4.2.2): code i means x + y * width back
DISTANCE_MAP = (
    (0, 1), (1, 0), (1, 1), (-1, 1), (0, 2), (2, 0), (1, 2), (-1, 2), (2, 1), (-2, 1),
    (2, 2), (-2, 2), (0, 3), (3, 0), (1, 3), (-1, 3), (3, 1), (-3, 1), (2, 3), (-2, 3),
    (3, 2), (-3, 2), (0, 4), (4, 0), (1, 4), (-1, 4), (4, 1), (-4, 1), (3, 3), (-3, 3),
    (2, 4), (-2, 4), (4, 2), (-4, 2), (0, 5), (3, 4), (-3, 4), (4, 3), (-4, 3), (5, 0),
    (1, 5), (-1, 5), (5, 1), (-5, 1), (2, 5), (-2, 5), (5, 2), (-5, 2), (4, 4), (-4, 4),
    (3, 5), (-3, 5), (5, 3), (-5, 3), (0, 6), (6, 0), (1, 6), (-1, 6), (6, 1), (-6, 1),
    (2, 6), (-2, 6), (6, 2), (-6, 2), (4, 5), (-4, 5), (5, 4), (-5, 4), (3, 6), (-3, 6),
    (6, 3), (-6, 3), (0, 7), (7, 0), (1, 7), (-1, 7), (5, 5), (-5, 5), (7, 1), (-7, 1),
    (4, 6), (-4, 6), (6, 4), (-6, 4), (2, 7), (-2, 7), (7, 2), (-7, 2), (3, 7), (-3, 7),
    (7, 3), (-7, 3), (5, 6), (-5, 6), (6, 5), (-6, 5), (8, 0), (4, 7), (-4, 7), (7, 4),
    (-7, 4), (8, 1), (8, 2), (6, 6), (-6, 6), (8, 3), (5, 7), (-5, 7), (7, 5), (-7, 5),
    (8, 4), (6, 7), (-6, 7), (7, 6), (-7, 6), (8, 5), (7, 7), (-7, 7), (8, 6), (8, 7),
)


class _Reader:
    """Bits of ``data`` read least significant first, as VP8L stores them."""

    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def bits(self, n: int) -> int:
        value = 0
        for i in range(n):
            byte = self.data[self.pos >> 3] if self.pos >> 3 < len(self.data) else _truncated()
            value |= ((byte >> (self.pos & 7)) & 1) << i
            self.pos += 1
        return value


def _truncated():
    raise ValueError("the VP8L bitstream ends early")


class _Writer:
    def __init__(self):
        self.out: list[int] = []        # one entry per bit

    def bits(self, value: int, n: int) -> None:
        self.out.extend((value >> i) & 1 for i in range(n))

    def code(self, code: int, length: int) -> None:
        """A prefix code, its first bit the code's most significant (as the reader walks the tree)."""
        self.out.extend((code >> (length - 1 - i)) & 1 for i in range(length))


def _canonical(lengths: list[int]) -> dict[int, tuple[int, int]]:
    """{symbol: (code, length)} of the canonical prefix code with these lengths (RFC 9649, 3.7.2.1)."""
    codes, code = {}, 0
    for length in range(1, MAX_CODE_LENGTH + 1):
        for symbol, n in enumerate(lengths):
            if n == length:
                codes[symbol] = (code, length)
                code += 1
        code <<= 1
    return codes


class _Code:
    """A prefix code read from the stream: decodes one symbol at a time."""

    def __init__(self, lengths: list[int] | None = None, single: int | None = None):
        self.single = single
        if lengths is not None:
            self.table = {(length, code): s for s, (code, length) in _canonical(lengths).items()}

    def symbol(self, r: _Reader) -> int:
        if self.single is not None:
            return self.single
        code = 0
        for length in range(1, MAX_CODE_LENGTH + 1):
            code = (code << 1) | r.bits(1)
            if (length, code) in self.table:
                return self.table[(length, code)]
        raise ValueError("invalid prefix code in the VP8L bitstream")


def _read_code(r: _Reader, alphabet: int) -> _Code:
    if r.bits(1):                                       # simple code: one or two symbols
        two = r.bits(1)
        first = r.bits(8 if r.bits(1) else 1)
        if not two:
            return _Code(single=first)
        lengths = [0] * alphabet
        lengths[first] = lengths[r.bits(8)] = 1
        return _Code(lengths)
    count = r.bits(4) + 4
    cl_lengths = [0] * CODE_LENGTH_CODES
    for i in range(count):
        cl_lengths[CODE_LENGTH_ORDER[i]] = r.bits(3)
    if sum(1 for n in cl_lengths if n) == 1:
        cl = _Code(single=next(s for s, n in enumerate(cl_lengths) if n))
    else:
        cl = _Code(cl_lengths)
    max_symbol = alphabet
    if r.bits(1):
        max_symbol = 2 + r.bits(2 + 2 * r.bits(3))
    lengths, previous = [], 8
    while len(lengths) < alphabet and max_symbol > 0:
        max_symbol -= 1
        s = cl.symbol(r)
        if s < 16:
            lengths.append(s)
            previous = s if s else previous
        else:
            extra, offset, value = {16: (2, 3, None), 17: (3, 3, 0), 18: (7, 11, 0)}[s]
            lengths += [previous if value is None else value] * (offset + r.bits(extra))
    lengths = (lengths + [0] * alphabet)[:alphabet]
    used = [s for s, n in enumerate(lengths) if n]
    if len(used) == 1:
        return _Code(single=used[0])
    return _Code(lengths)


def _prefix_value(prefix: int, r: _Reader) -> int:
    if prefix < 4:
        return prefix + 1
    extra = (prefix - 2) >> 1
    return ((2 + (prefix & 1)) << extra) + r.bits(extra) + 1


def _read_palette(r: _Reader, size: int) -> np.ndarray:
    """The colour table (``size`` ARGB entries, delta-coded) of a colour-indexing transform."""
    if r.bits(1):
        cache_bits = r.bits(4)
        if not 1 <= cache_bits <= 11:
            raise ValueError("invalid colour cache size")
        cache = np.zeros(1 << cache_bits, dtype=np.uint32)
    else:
        cache_bits, cache = 0, None
    green = _read_code(r, 256 + NUM_LENGTH_CODES + (1 << cache_bits if cache_bits else 0))
    red, blue, alpha = (_read_code(r, 256) for _ in range(3))
    distance = _read_code(r, NUM_DISTANCE_CODES)
    pixels: list[int] = []

    def push(argb: int) -> None:
        pixels.append(argb)
        if cache is not None:
            cache[(0x1E35A7BD * argb & 0xFFFFFFFF) >> (32 - cache_bits)] = argb

    while len(pixels) < size:
        s = green.symbol(r)
        if s < 256:                                     # a literal: green, then red, blue and alpha
            red_, blue_, alpha_ = red.symbol(r), blue.symbol(r), alpha.symbol(r)
            push((alpha_ << 24) | (red_ << 16) | (s << 8) | blue_)
        elif s < 256 + NUM_LENGTH_CODES:                # a backward reference
            length = _prefix_value(s - 256, r)
            code = _prefix_value(distance.symbol(r), r)
            if code > len(DISTANCE_MAP):
                back = code - len(DISTANCE_MAP)
            else:                                       # the palette is one row, ``size`` wide
                x, y = DISTANCE_MAP[code - 1]
                back = max(x + y * size, 1)
            for _ in range(length):
                if back > len(pixels):
                    raise ValueError("a backward reference before the palette's start")
                push(pixels[-back])
        else:
            push(int(cache[s - 256 - NUM_LENGTH_CODES]))
    deltas = np.array(pixels[:size], dtype=np.uint32).view(np.uint8).reshape(-1, 4)   # B, G, R, A (little endian)
    return np.cumsum(deltas, axis=0, dtype=np.uint8)       # each entry is the sum of the deltas so far, mod 256


def _huffman_lengths(counts: dict[int, int], alphabet: int, limit: int) -> list[int]:
    """Code lengths of a Huffman code for ``counts`` (two or more symbols), no longer than ``limit``."""
    weights = dict(counts)
    while True:
        heap = [(w, i, [s]) for i, (s, w) in enumerate(sorted(weights.items()))]
        heapq.heapify(heap)
        lengths = [0] * alphabet
        tie = len(heap)
        while len(heap) > 1:
            w1, _, s1 = heapq.heappop(heap)
            w2, _, s2 = heapq.heappop(heap)
            for s in s1 + s2:
                lengths[s] += 1
            heapq.heappush(heap, (w1 + w2, tie, s1 + s2))
            tie += 1
        if max(lengths) <= limit:
            return lengths
        weights = {s: (w + 1) // 2 + 1 for s, w in weights.items()}     # flatten and try again


def _write_code(w: _Writer, symbols: list[int], alphabet: int) -> dict[int, tuple[int, int]]:
    """A prefix code for ``symbols`` (the sequence it will code), written to ``w``; returns its codes."""
    counts: dict[int, int] = {}
    for s in symbols:
        counts[s] = counts.get(s, 0) + 1
    distinct = sorted(counts)
    if len(distinct) <= 2 and all(s < 256 for s in distinct):
        w.bits(1, 1)                                    # simple code
        w.bits(len(distinct) - 1, 1)
        w.bits(1, 1)                                    # first symbol in 8 bits
        w.bits(distinct[0], 8)
        if len(distinct) == 2:
            w.bits(distinct[1], 8)
            return {distinct[0]: (0, 1), distinct[1]: (1, 1)}
        return {distinct[0]: (0, 0)}
    lengths = _huffman_lengths(counts, alphabet, MAX_CODE_LENGTH)
    cl_counts: dict[int, int] = {}
    for n in lengths:
        cl_counts[n] = cl_counts.get(n, 0) + 1
    if len(cl_counts) == 1:
        raise ValueError("a code with a single length is not expected")
    cl_lengths = _huffman_lengths(cl_counts, CODE_LENGTH_CODES, 7)
    cl_codes = _canonical(cl_lengths)
    w.bits(0, 1)                                        # normal code
    w.bits(CODE_LENGTH_CODES - 4, 4)
    for s in CODE_LENGTH_ORDER:
        w.bits(cl_lengths[s], 3)
    w.bits(0, 1)                                        # every symbol's length follows
    for n in lengths:
        w.code(*cl_codes[n])
    return _canonical(lengths)


def _write_palette(w: _Writer, palette: np.ndarray) -> None:
    """``palette`` (n, 4) as B, G, R, A bytes, delta-coded, as literals with no colour cache."""
    deltas = np.diff(palette, axis=0, prepend=np.zeros((1, 4), np.uint8)).astype(np.uint8)
    b, g, r, a = (deltas[:, i].tolist() for i in range(4))
    w.bits(0, 1)                                        # no colour cache
    green = _write_code(w, g, 256 + NUM_LENGTH_CODES)
    red = _write_code(w, r, 256)
    blue = _write_code(w, b, 256)
    alpha = _write_code(w, a, 256)
    _write_code(w, [0], NUM_DISTANCE_CODES)             # no backward references
    for i in range(len(palette)):
        for codes, values in ((green, g), (red, r), (blue, b), (alpha, a)):
            code, length = codes[values[i]]
            w.code(code, length)


def swap_palette(webp: bytes, recolour) -> bytes:
    """``webp`` (a simple lossless WebP whose first transform is colour indexing) with each palette entry's RGB
    replaced by ``recolour`` ((n, 3) uint8 → (n, 3) uint8); the pixels' bits are copied unchanged."""
    if webp[:4] != b"RIFF" or webp[8:12] != b"WEBP" or webp[12:16] != b"VP8L":
        raise ValueError("not a simple lossless WebP")
    size = struct.unpack("<I", webp[16:20])[0]
    data = webp[20:20 + size]
    r = _Reader(data)
    if r.bits(8) != 0x2F:
        raise ValueError("not a VP8L bitstream")
    r.bits(14 + 14 + 1 + 3)                             # width, height, alpha hint, version
    if not r.bits(1) or r.bits(2) != COLOR_INDEXING_TRANSFORM:
        raise ValueError("the first transform is not colour indexing")
    count = r.bits(8) + 1
    start = r.pos
    palette = _read_palette(r, count)                   # B, G, R, A
    end = r.pos
    rgb = recolour(palette[:, [2, 1, 0]])
    new = palette.copy()
    new[:, [2, 1, 0]] = rgb
    w = _Writer()
    _write_palette(w, new)
    head = np.unpackbits(np.frombuffer(data, np.uint8), bitorder="little")
    bits = np.concatenate([head[:start], np.array(w.out, np.uint8), head[end:]])
    body = np.packbits(bits, bitorder="little").tobytes()
    chunk = b"VP8L" + struct.pack("<I", len(body)) + body + (b"\0" if len(body) % 2 else b"")
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk

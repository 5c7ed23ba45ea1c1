//! Raw DEFLATE (RFC 1951) decoding, for the documents the store keeps compressed (pure,
//! tested natively against an independent compressor).
//!
//! The browser compresses (`CompressionStream("deflate-raw")`, before the write's
//! transaction); reading has to happen inside transactions, where nothing may wait on a
//! promise, so it is done here, synchronously, in a few kilobytes of code: canonical
//! Huffman codes decoded bit by bit, all three block types. Every malformed input is an
//! error (never a panic), and the output is bounded by `limit`.

/// Literal/length codes, distance codes, code-length codes.
const MAX_LITLEN: usize = 288;
const MAX_DIST: usize = 30;
const MAX_BITS: usize = 15;

const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
/// The order code-length code lengths are sent in.
const CL_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// The bytes `input` decompresses to; an error when it is not raw DEFLATE data or
/// would exceed `limit` bytes.
pub fn inflate(input: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let mut bits = Bits {
        data: input,
        pos: 0,
        buf: 0,
        count: 0,
    };
    let mut out = Vec::with_capacity(input.len().saturating_mul(4).min(limit));
    loop {
        let last = bits.take(1)? == 1;
        match bits.take(2)? {
            0 => stored(&mut bits, &mut out, limit)?,
            1 => {
                let (lit, dist) = fixed()?;
                codes(&mut bits, &mut out, limit, &lit, &dist)?;
            }
            2 => {
                let (lit, dist) = dynamic(&mut bits)?;
                codes(&mut bits, &mut out, limit, &lit, &dist)?;
            }
            _ => return Err("compressed data with an invalid block type".into()),
        }
        if last {
            return Ok(out);
        }
    }
}

struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    buf: u64,
    count: u32,
}

impl Bits<'_> {
    /// The next `n` (≤ 16) bits, least significant first.
    fn take(&mut self, n: u32) -> Result<u32, String> {
        while self.count < n {
            let b = *self.data.get(self.pos).ok_or("compressed data cut short")?;
            self.pos += 1;
            self.buf |= u64::from(b) << self.count;
            self.count += 8;
        }
        let v = (self.buf & ((1u64 << n) - 1)) as u32;
        self.buf >>= n;
        self.count -= n;
        Ok(v)
    }
}

/// A canonical Huffman code: how many codes of each length, and the symbols in code
/// order.
struct Huffman {
    counts: [u16; MAX_BITS + 1],
    symbols: Vec<u16>,
}

impl Huffman {
    fn new(lengths: &[u8]) -> Result<Huffman, String> {
        let mut counts = [0u16; MAX_BITS + 1];
        for l in lengths {
            counts[usize::from(*l)] += 1;
        }
        // Over-subscribed codes are invalid (incomplete ones fail when a missing code
        // is met).
        let mut left: i32 = 1;
        for c in &counts[1..] {
            left = (left << 1) - i32::from(*c);
            if left < 0 {
                return Err("compressed data with an invalid Huffman code".into());
            }
        }
        let mut offs = [0u16; MAX_BITS + 2];
        for len in 1..=MAX_BITS {
            offs[len + 1] = offs[len] + counts[len];
        }
        let mut symbols = vec![0u16; usize::from(offs[MAX_BITS + 1])];
        for (sym, l) in lengths.iter().enumerate() {
            if *l != 0 {
                let at = &mut offs[usize::from(*l)];
                symbols[usize::from(*at)] = sym as u16;
                *at += 1;
            }
        }
        Ok(Huffman { counts, symbols })
    }

    fn decode(&self, bits: &mut Bits) -> Result<u16, String> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for len in 1..=MAX_BITS {
            code |= bits.take(1)? as i32;
            let count = i32::from(self.counts[len]);
            if code - first < count {
                return Ok(self.symbols[(index + code - first) as usize]);
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err("compressed data with an invalid code".into())
    }
}

fn stored(bits: &mut Bits, out: &mut Vec<u8>, limit: usize) -> Result<(), String> {
    // To the byte boundary.
    let partial = bits.count % 8;
    bits.take(partial)?;
    let len = bits.take(16)?;
    let nlen = bits.take(16)?;
    if len != !nlen & 0xffff {
        return Err("compressed data with a damaged stored block".into());
    }
    for _ in 0..len {
        push(out, bits.take(8)? as u8, limit)?;
    }
    Ok(())
}

fn fixed() -> Result<(Huffman, Huffman), String> {
    let mut lit = [0u8; MAX_LITLEN];
    for (i, l) in lit.iter_mut().enumerate() {
        *l = match i {
            0..=143 => 8,
            144..=255 => 9,
            256..=279 => 7,
            _ => 8,
        };
    }
    Ok((Huffman::new(&lit)?, Huffman::new(&[5u8; MAX_DIST])?))
}

fn dynamic(bits: &mut Bits) -> Result<(Huffman, Huffman), String> {
    let nlen = bits.take(5)? as usize + 257;
    let ndist = bits.take(5)? as usize + 1;
    let ncode = bits.take(4)? as usize + 4;
    if nlen > 286 || ndist > MAX_DIST {
        return Err("compressed data with too many codes".into());
    }
    let mut cl = [0u8; 19];
    for i in CL_ORDER.iter().take(ncode) {
        cl[*i] = bits.take(3)? as u8;
    }
    let cl = Huffman::new(&cl)?;
    let mut lengths = vec![0u8; nlen + ndist];
    let mut i = 0;
    while i < nlen + ndist {
        let sym = cl.decode(bits)?;
        let (value, repeat) = match sym {
            0..=15 => (sym as u8, 1),
            16 => {
                if i == 0 {
                    return Err("compressed data repeats a length before the first".into());
                }
                (lengths[i - 1], 3 + bits.take(2)? as usize)
            }
            17 => (0, 3 + bits.take(3)? as usize),
            _ => (0, 11 + bits.take(7)? as usize),
        };
        if i + repeat > nlen + ndist {
            return Err("compressed data with too many code lengths".into());
        }
        lengths[i..i + repeat].fill(value);
        i += repeat;
    }
    if lengths[256] == 0 {
        return Err("compressed data without an end-of-block code".into());
    }
    Ok((
        Huffman::new(&lengths[..nlen])?,
        Huffman::new(&lengths[nlen..])?,
    ))
}

fn codes(
    bits: &mut Bits,
    out: &mut Vec<u8>,
    limit: usize,
    lit: &Huffman,
    dist: &Huffman,
) -> Result<(), String> {
    loop {
        let sym = lit.decode(bits)?;
        match sym {
            0..=255 => push(out, sym as u8, limit)?,
            256 => return Ok(()),
            _ => {
                let s = usize::from(sym - 257);
                let (Some(base), Some(extra)) = (LEN_BASE.get(s), LEN_EXTRA.get(s)) else {
                    return Err("compressed data with an invalid length".into());
                };
                let len = usize::from(*base) + bits.take(u32::from(*extra))? as usize;
                let d = usize::from(dist.decode(bits)?);
                let (Some(base), Some(extra)) = (DIST_BASE.get(d), DIST_EXTRA.get(d)) else {
                    return Err("compressed data with an invalid distance".into());
                };
                let back = usize::from(*base) + bits.take(u32::from(*extra))? as usize;
                if back > out.len() {
                    return Err("compressed data refers before its start".into());
                }
                if out.len() + len > limit {
                    return Err(too_large());
                }
                let from = out.len() - back;
                for k in 0..len {
                    let b = out[from + k];
                    out.push(b);
                }
            }
        }
    }
}

fn push(out: &mut Vec<u8>, b: u8, limit: usize) -> Result<(), String> {
    if out.len() >= limit {
        return Err(too_large());
    }
    out.push(b);
    Ok(())
}

fn too_large() -> String {
    "compressed data larger than any document".into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniz_oxide::deflate::compress_to_vec;

    use crate::store::test_rng::Rng;

    fn document(rng: &mut Rng, n: usize) -> Vec<u8> {
        // JSON-like text: repeated keys, numbers with many digits, Japanese, emoji.
        let mut s = String::from("{\"met\":{\"interval\":60.0,\"items\":[");
        for i in 0..n {
            if i > 0 {
                s.push(',');
            }
            s.push_str(&format!("{}", (rng.next() % 5000) as f64 / 1000.0));
        }
        s.push_str("]},\"note\":\"夜更かし 🍷\",\"x\":0.30000000000000004}");
        s.into_bytes()
    }

    #[test]
    fn what_an_independent_compressor_writes_comes_back_exactly() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for n in [0, 1, 10, 100, 1440, 5000] {
            let text = document(&mut rng, n);
            // Level 0: stored blocks; 1: fixed and dynamic codes; 6, 10: longer matches.
            for level in [0u8, 1, 6, 10] {
                let z = compress_to_vec(&text, level);
                assert_eq!(inflate(&z, 1 << 24).unwrap(), text, "n {n}, level {level}");
            }
        }
        // Random bytes (incompressible) and long runs (overlapping copies).
        let noise: Vec<u8> = (0..70_000).map(|_| rng.next() as u8).collect();
        assert_eq!(
            inflate(&compress_to_vec(&noise, 6), 1 << 24).unwrap(),
            noise
        );
        let run = vec![b'7'; 100_000];
        assert_eq!(inflate(&compress_to_vec(&run, 9), 1 << 24).unwrap(), run);
        assert_eq!(inflate(&compress_to_vec(b"", 6), 16).unwrap(), b"");
    }

    #[test]
    fn damaged_data_is_an_error_never_a_panic() {
        let mut rng = Rng(7);
        let text = document(&mut rng, 300);
        let z = compress_to_vec(&text, 6);
        for cut in 0..z.len() {
            assert!(inflate(&z[..cut], 1 << 24).is_err(), "cut at {cut}");
        }
        // Every byte flipped in every bit: an error, or some output, never a panic.
        for i in 0..z.len() {
            for bit in 0..8 {
                let mut d = z.clone();
                d[i] ^= 1 << bit;
                let _ = inflate(&d, 1 << 20);
            }
        }
        // Random input.
        for _ in 0..2000 {
            let d: Vec<u8> = (0..(rng.next() % 64)).map(|_| rng.next() as u8).collect();
            let _ = inflate(&d, 1 << 16);
        }
        assert!(inflate(&[0x07], 16).is_err(), "block type 3");
        assert!(
            inflate(&[0x01, 0x05, 0x00, 0x00, 0x00], 16).is_err(),
            "LEN ≠ ~NLEN"
        );
    }

    #[test]
    fn output_is_bounded() {
        let run = vec![0u8; 1 << 20];
        let z = compress_to_vec(&run, 9);
        assert!(z.len() < 2000);
        assert!(
            inflate(&z, 1 << 16).is_err(),
            "a bomb is refused at the limit"
        );
        assert_eq!(inflate(&z, 1 << 20).unwrap().len(), 1 << 20);
    }
}

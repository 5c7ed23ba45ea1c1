//! A tiny deterministic PRNG (SplitMix64) and hashing helpers. No external crate so the
//! generated data can never change because a dependency changed its algorithm.

/// SplitMix64: fast, good enough statistically for synthetic data, fully deterministic.
#[derive(Clone, Debug)]
pub struct Rng {
    state: u64,
}

/// One SplitMix64 mixing step (also used as a hash finaliser).
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Hashes a list of words into one seed.
pub fn hash(parts: &[u64]) -> u64 {
    parts
        .iter()
        .fold(0x5851_F42D_4C95_7F2D_u64, |acc, &p| mix(acc ^ mix(p)))
}

/// Hashes bytes (FNV-1a, then mixed) — for strings such as stream names.
pub fn hash_bytes(key: u64, bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ key;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng { state: mix(seed) }
    }

    /// A generator for one named stream of one seed, e.g. (seed, day, "sleep").
    pub fn stream(seed: u64, day: i64, name: &str) -> Self {
        Rng::new(hash(&[seed, day as u64, hash_bytes(0, name.as_bytes())]))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform integer in [lo, hi] (inclusive). Returns lo when hi < lo.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = (hi - lo) as u64 + 1;
        lo + (self.next_u64() % span) as i64
    }

    /// Uniform real in [lo, hi).
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.f64()
    }

    /// Approximately normal (sum of uniforms), mean `mean`, std-dev `sd`.
    pub fn normal(&mut self, mean: f64, sd: f64) -> f64 {
        let s: f64 = (0..6).map(|_| self.f64()).sum::<f64>() - 3.0;
        mean + sd * s * std::f64::consts::SQRT_2
    }

    /// True with probability p.
    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// A random element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let i = (self.next_u64() % items.len().max(1) as u64) as usize;
        &items[i.min(items.len().saturating_sub(1))]
    }

    /// A UUID-v4-shaped id, like Oura's document ids.
    pub fn uuid(&mut self) -> String {
        let a = self.next_u64();
        let b = self.next_u64();
        let time_low = (a >> 32) as u32;
        let time_mid = (a >> 16) as u16;
        let ver = ((a as u16) & 0x0fff) | 0x4000;
        let var = (((b >> 48) as u16) & 0x3fff) | 0x8000;
        let node = b & 0xffff_ffff_ffff;
        format!("{time_low:08x}-{time_mid:04x}-{ver:04x}-{var:04x}-{node:012x}")
    }
}

/// Lower-case hex of bytes.
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses lower/upper-case hex; None on odd length or a non-hex character.
pub fn from_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    let b = s.as_bytes();
    let val = |c: u8| -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    };
    (0..b.len() / 2)
        .map(|i| Some(val(b[2 * i])? << 4 | val(b[2 * i + 1])?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_in_range() {
        let mut a = Rng::stream(1, 5, "x");
        let mut b = Rng::stream(1, 5, "x");
        for _ in 0..1000 {
            let v = a.range(3, 7);
            assert_eq!(v, b.range(3, 7));
            assert!((3..=7).contains(&v));
            let f = a.f64();
            assert_eq!(f, b.f64());
            assert!((0.0..1.0).contains(&f));
        }
        assert_ne!(
            Rng::stream(1, 5, "x").next_u64(),
            Rng::stream(2, 5, "x").next_u64()
        );
        let id = Rng::new(9).uuid();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
    }

    #[test]
    fn hex_roundtrip() {
        let v = vec![0u8, 1, 0xab, 0xff];
        assert_eq!(from_hex(&to_hex(&v)), Some(v));
        assert_eq!(from_hex("zz"), None);
        assert_eq!(from_hex("abc"), None);
        assert_eq!(from_hex("é1"), None);
    }
}

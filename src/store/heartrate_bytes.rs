//! The bytes a stored heartrate day keeps its samples in (pure, tested natively): the
//! columns `t`, `bpm` and `src` of [`super::heartrate::Columns`] as one `Uint8Array`
//! `p`, ≈ 2–3 bytes a sample where the typed arrays before took 7.
//!
//! ```text
//! p = [2]                 format
//!     [flags]             bit 0: offsets in whole seconds (else milliseconds)
//!                         bit 1: bpm in two bytes, little endian (else one)
//!     varint n            samples
//!     n × varint          offset minus the previous one (the first: from midnight),
//!                         in the unit of bit 0; samples are sorted, never negative
//!     n × bpm             one or two bytes each
//!     varint runs         then per run: src byte, varint length (≥ 1), Σ = n
//! ```
//!
//! A varint is LEB128 (7 bits a byte, least significant first, at most 5 bytes).
//! Records written before (`t: Uint32Array, bpm: Uint16Array, src: Uint8Array`) are
//! still read as they are; a day is written in this form when it next changes.

use super::varint::{self, Reader};

/// The columns `t`, `bpm` and `src` of one day.
pub type DayColumns = (Vec<u32>, Vec<u16>, Vec<u8>);

/// The format byte.
const FORMAT: u8 = 2;
const SECONDS: u8 = 0x01;
const WIDE_BPM: u8 = 0x02;

/// The columns of one day as stored bytes. `t` must be sorted (as [`super::heartrate::
/// DayPack`] keeps them) and the three columns of the same length.
pub fn encode(t: &[u32], bpm: &[u16], src: &[u8]) -> Result<Vec<u8>, String> {
    let n = t.len();
    if bpm.len() != n || src.len() != n {
        return Err("heartrate columns of different lengths".into());
    }
    if t.windows(2).any(|w| w[1] < w[0]) {
        return Err("heartrate offsets out of order".into());
    }
    let seconds = t.iter().all(|t| t % 1000 == 0);
    let wide = bpm.iter().any(|b| *b > u16::from(u8::MAX));
    let mut out = Vec::with_capacity(8 + n * 3);
    out.push(FORMAT);
    out.push(if seconds { SECONDS } else { 0 } | if wide { WIDE_BPM } else { 0 });
    varint::put(&mut out, n as u64);
    let mut previous = 0;
    for t in t {
        let delta = t - previous;
        varint::put(
            &mut out,
            u64::from(if seconds { delta / 1000 } else { delta }),
        );
        previous = *t;
    }
    for b in bpm {
        if wide {
            out.extend_from_slice(&b.to_le_bytes());
        } else {
            out.push(*b as u8);
        }
    }
    let mut runs: Vec<(u8, u64)> = Vec::new();
    for s in src {
        match runs.last_mut() {
            Some((last, len)) if last == s => *len += 1,
            _ => runs.push((*s, 1)),
        }
    }
    varint::put(&mut out, runs.len() as u64);
    for (s, len) in runs {
        out.push(s);
        varint::put(&mut out, len);
    }
    Ok(out)
}

/// The columns `(t, bpm, src)` of stored bytes; anything malformed (truncated, trailing
/// bytes, an unknown format, an offset past the day, runs that do not add up) is an
/// error.
pub fn decode(p: &[u8]) -> Result<DayColumns, String> {
    let mut r = Reader::new(p, "heartrate");
    if r.byte()? != FORMAT {
        return Err("a heartrate record in an unknown format".into());
    }
    let flags = r.byte()?;
    if flags & !(SECONDS | WIDE_BPM) != 0 {
        return Err("a heartrate record with unknown flags".into());
    }
    let n = usize::try_from(r.varint()?).map_err(|_| too_many())?;
    // Every sample takes at least two bytes: a larger count is a corrupt record (and
    // must not reserve memory it names).
    if n > p.len() / 2 {
        return Err(too_many());
    }
    let unit: u64 = if flags & SECONDS != 0 { 1000 } else { 1 };
    let mut t = Vec::with_capacity(n);
    let mut at: u64 = 0;
    for _ in 0..n {
        at += r.varint()?.checked_mul(unit).ok_or_else(past_day)?;
        if at >= 86_400_000 {
            return Err(past_day());
        }
        t.push(at as u32);
    }
    let mut bpm = Vec::with_capacity(n);
    for _ in 0..n {
        bpm.push(if flags & WIDE_BPM != 0 {
            u16::from_le_bytes([r.byte()?, r.byte()?])
        } else {
            u16::from(r.byte()?)
        });
    }
    let runs = r.varint()?;
    let mut src = Vec::with_capacity(n);
    for _ in 0..runs {
        let s = r.byte()?;
        let len = r.varint()?;
        if len == 0 || len > (n - src.len()) as u64 {
            return Err("a heartrate record whose sources do not add up".into());
        }
        src.extend(std::iter::repeat_n(s, len as usize));
    }
    if src.len() != n {
        return Err("a heartrate record whose sources do not add up".into());
    }
    if !r.at_end() {
        return Err("a heartrate record with trailing bytes".into());
    }
    Ok((t, bpm, src))
}

fn too_many() -> String {
    "a heartrate record that counts more samples than it holds".into()
}

fn past_day() -> String {
    "a heartrate record has an offset beyond its day".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(t: &[u32], bpm: &[u16], src: &[u8]) -> Vec<u8> {
        let p = encode(t, bpm, src).unwrap();
        assert_eq!(
            decode(&p).unwrap(),
            (t.to_vec(), bpm.to_vec(), src.to_vec())
        );
        p
    }

    #[test]
    fn a_day_every_72_seconds_takes_two_bytes_a_sample() {
        // 1,200 samples 72 s apart, one source switch: 1 byte offset, 1 byte bpm.
        let t: Vec<u32> = (0..1200).map(|i| i * 72_000).collect();
        let bpm: Vec<u16> = (0..1200).map(|i| 50 + (i % 60) as u16).collect();
        let src: Vec<u8> = (0..1200).map(|i| u8::from(i >= 600) | 0x80).collect();
        let p = round_trip(&t, &bpm, &src);
        assert!(p.len() <= 2 * 1200 + 16, "{} bytes", p.len());
    }

    #[test]
    fn milliseconds_wide_bpm_and_the_day_edges_survive() {
        round_trip(
            &[0, 1, 1, 86_399_999],
            &[0, 300, 65_535, 61],
            &[0, 1, 0, 0x83],
        );
        round_trip(&[], &[], &[]);
        round_trip(&[5_000, 5_000, 86_399_000], &[255, 0, 1], &[1, 2, 1]);
        // Five minutes apart (Oura's resting rhythm): two-byte offsets.
        let t: Vec<u32> = (0..288).map(|i| i * 300_000).collect();
        let p = round_trip(&t, &vec![60; 288], &vec![0; 288]);
        assert!(p.len() <= 3 * 288 + 16);
    }

    #[test]
    fn unsorted_or_uneven_columns_are_refused() {
        assert!(encode(&[2, 1], &[60, 60], &[0, 0]).is_err());
        assert!(encode(&[1, 2], &[60], &[0, 0]).is_err());
    }

    #[test]
    fn corrupt_bytes_are_errors_never_panics() {
        let good = encode(&[1_000, 2_000, 3_000], &[60, 61, 62], &[0, 0, 1]).unwrap();
        // Every truncation, and every single byte changed to every value: an error or
        // columns that encode back to those very bytes, never a panic.
        for cut in 0..good.len() {
            assert!(decode(&good[..cut]).is_err(), "cut at {cut}");
        }
        for i in 0..good.len() {
            for v in 0..=255u8 {
                let mut p = good.clone();
                p[i] = v;
                if let Ok((t, bpm, src)) = decode(&p) {
                    assert!(t.iter().all(|t| *t < 86_400_000));
                    assert_eq!((bpm.len(), src.len()), (t.len(), t.len()));
                }
            }
        }
        let mut trailing = good.clone();
        trailing.push(0);
        assert!(decode(&trailing).is_err());
        assert!(decode(&[9, 0, 0, 0]).is_err(), "unknown format");
        assert!(decode(&[FORMAT, 0x04, 0, 0]).is_err(), "unknown flag");
        // A count far larger than the bytes: refused before reserving memory.
        assert!(decode(&[FORMAT, 0, 0xff, 0xff, 0xff, 0xff, 0x0f]).is_err());
        // Offsets past the day.
        assert!(decode(&encode(&[86_399_000], &[60], &[0]).unwrap()[..]).is_ok());
        assert!(decode(&[FORMAT, SECONDS, 1, 0x80, 0xa3, 0x05, 60, 1, 0, 1]).is_err());
    }
}

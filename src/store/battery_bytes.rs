//! The bytes a stored battery day keeps its rows in (pure, tested natively): the
//! offsets, levels and flags of [`super::battery::DayPack`] as one `Uint8Array` `p`,
//! ≈ 2 bytes a row (a day of 48 rows ≈ 110 bytes).
//!
//! ```text
//! p = [1]                 format
//!     [units]             0: offsets in milliseconds, 1: in whole seconds
//!     varint n            rows
//!     n × varint          offset minus the previous one (the first: from midnight),
//!                         in that unit; rows are sorted, one per instant (> 0 after
//!                         the first)
//!     n × level           one byte each
//!     varint runs         then per run: flags byte (bits 0–1 charging, 2–3
//!                         in_charger, 4 timestamp_unix), varint length (≥ 1), Σ = n
//! ```
//!
//! A varint is LEB128 (7 bits a byte, least significant first, at most 5 bytes), as in
//! [`super::heartrate_bytes`].

use super::varint::{self, Reader};

/// The columns offsets, levels, flags of one day.
pub type DayColumns = (Vec<u32>, Vec<u8>, Vec<u8>);

const FORMAT: u8 = 1;
const SECONDS: u8 = 1;
const DAY_MS: u64 = 86_400_000;
/// The flag bits a row can have.
const FLAG_BITS: u8 = 0x1f;

/// The columns of one day as stored bytes. `t` sorted and the columns of one length,
/// as [`super::battery::DayPack`] keeps them (else the shorter length is used).
pub fn encode(t: &[u32], level: &[u8], flags: &[u8]) -> Vec<u8> {
    let n = t.len().min(level.len()).min(flags.len());
    let seconds = t.iter().all(|t| t % 1000 == 0);
    let mut out = Vec::with_capacity(8 + n * 2);
    out.push(FORMAT);
    out.push(if seconds { SECONDS } else { 0 });
    varint::put(&mut out, n as u64);
    let mut previous = 0;
    for t in &t[..n] {
        let delta = t.saturating_sub(previous);
        varint::put(
            &mut out,
            u64::from(if seconds { delta / 1000 } else { delta }),
        );
        previous = *t;
    }
    out.extend_from_slice(&level[..n]);
    let mut runs: Vec<(u8, u64)> = Vec::new();
    for f in &flags[..n] {
        match runs.last_mut() {
            Some((last, len)) if last == f => *len += 1,
            _ => runs.push((*f, 1)),
        }
    }
    varint::put(&mut out, runs.len() as u64);
    for (f, len) in runs {
        out.push(f);
        varint::put(&mut out, len);
    }
    out
}

/// The columns of stored bytes; anything malformed (truncated, trailing bytes, an
/// unknown format, an offset past the day, unknown flags, runs that do not add up) is
/// an error.
pub fn decode(p: &[u8]) -> Result<DayColumns, String> {
    let mut r = Reader::new(p, "battery");
    if r.byte()? != FORMAT {
        return Err("a battery record in an unknown format".into());
    }
    let unit: u64 = match r.byte()? {
        0 => 1,
        SECONDS => 1000,
        _ => return Err("a battery record with unknown units".into()),
    };
    let n = usize::try_from(r.varint()?).map_err(|_| too_many())?;
    // Every row takes at least two bytes: a larger count is a corrupt record (and must
    // not reserve memory it names).
    if n > p.len() / 2 {
        return Err(too_many());
    }
    let mut t = Vec::with_capacity(n);
    let mut at: u64 = 0;
    for _ in 0..n {
        at += r
            .varint()?
            .checked_mul(unit)
            .ok_or("a battery record has an offset beyond its day")?;
        if at >= DAY_MS {
            return Err("a battery record has an offset beyond its day".into());
        }
        t.push(at as u32);
    }
    let mut level = Vec::with_capacity(n);
    for _ in 0..n {
        level.push(r.byte()?);
    }
    let runs = r.varint()?;
    let mut flags = Vec::with_capacity(n);
    for _ in 0..runs {
        let f = r.byte()?;
        if f & !FLAG_BITS != 0 {
            return Err("a battery record with unknown flags".into());
        }
        let len = r.varint()?;
        if len == 0 || len > (n - flags.len()) as u64 {
            return Err(uneven());
        }
        flags.extend(std::iter::repeat_n(f, len as usize));
    }
    if flags.len() != n {
        return Err(uneven());
    }
    if !r.at_end() {
        return Err("a battery record with trailing bytes".into());
    }
    Ok((t, level, flags))
}

fn too_many() -> String {
    "a battery record that counts more rows than it holds".into()
}

fn uneven() -> String {
    "a battery record whose flags do not add up".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(t: &[u32], level: &[u8], flags: &[u8]) -> Vec<u8> {
        let p = encode(t, level, flags);
        assert_eq!(
            decode(&p).unwrap(),
            (t.to_vec(), level.to_vec(), flags.to_vec())
        );
        p
    }

    #[test]
    fn a_day_of_48_rows_takes_about_two_bytes_a_row() {
        // Every 30 minutes (two-byte offsets), the flags constant but for a charge.
        let t: Vec<u32> = (0..48).map(|i| i * 1_800_000).collect();
        let level: Vec<u8> = (0..48).map(|i| 100 - i as u8).collect();
        let flags: Vec<u8> = (0..48)
            .map(|i| if (20..24).contains(&i) { 0x1f } else { 0x1a })
            .collect();
        let p = round_trip(&t, &level, &flags);
        assert!(p.len() <= 3 * 48 + 16, "{} bytes", p.len());
    }

    #[test]
    fn milliseconds_and_the_day_edges_survive() {
        round_trip(&[0, 1, 86_399_999], &[0, 255, 7], &[0, 0x10, 0x1f]);
        round_trip(&[], &[], &[]);
        round_trip(&[86_399_000], &[100], &[0x0a]);
    }

    #[test]
    fn corrupt_bytes_are_errors_never_panics() {
        let good = encode(&[1_000, 2_000, 3_000], &[60, 61, 62], &[0, 0, 0x1f]);
        for cut in 0..good.len() {
            assert!(decode(&good[..cut]).is_err(), "cut at {cut}");
        }
        for i in 0..good.len() {
            for v in 0..=255u8 {
                let mut p = good.clone();
                p[i] = v;
                if let Ok((t, level, flags)) = decode(&p) {
                    assert!(t.iter().all(|t| *t < 86_400_000));
                    assert_eq!((level.len(), flags.len()), (t.len(), t.len()));
                    assert!(flags.iter().all(|f| f & !FLAG_BITS == 0));
                }
            }
        }
        let mut trailing = good.clone();
        trailing.push(0);
        assert!(decode(&trailing).is_err());
        assert!(decode(&[9, 0, 0, 0]).is_err(), "unknown format");
        assert!(decode(&[FORMAT, 2, 0, 0]).is_err(), "unknown units");
        assert!(decode(&[FORMAT, 0, 0xff, 0xff, 0xff, 0xff, 0x0f]).is_err());
        assert!(decode(&[FORMAT, SECONDS, 1, 0x80, 0xa3, 0x05, 60, 1, 0, 1]).is_err());
        assert!(
            decode(&[FORMAT, 0, 1, 5, 60, 1, 0x20, 1]).is_err(),
            "flag bit 5"
        );
    }
}

//! LEB128 varints (7 bits a byte, least significant first, at most 5 bytes) and a
//! checked reader, for the packed heart-rate and battery days (pure, tested natively
//! through them).

/// Appends `v` as a varint.
pub fn put(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let low = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

/// Reads bytes and varints of a stored record; running out is an error naming the
/// record's `kind` (never a panic).
pub struct Reader<'a> {
    p: &'a [u8],
    at: usize,
    kind: &'static str,
}

impl<'a> Reader<'a> {
    pub fn new(p: &'a [u8], kind: &'static str) -> Reader<'a> {
        Reader { p, at: 0, kind }
    }

    /// Every byte was read.
    pub fn at_end(&self) -> bool {
        self.at == self.p.len()
    }

    pub fn byte(&mut self) -> Result<u8, String> {
        let b = *self
            .p
            .get(self.at)
            .ok_or_else(|| format!("a {} record cut short", self.kind))?;
        self.at += 1;
        Ok(b)
    }

    pub fn varint(&mut self) -> Result<u64, String> {
        let mut v: u64 = 0;
        for i in 0..5 {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(format!("a {} record with an overlong number", self.kind))
    }
}

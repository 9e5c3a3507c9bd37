//! Just enough of Thrift's compact protocol to walk a Parquet footer or page
//! header without building anything: the checks in [`super::checks`] read
//! the few fields they bound and skip the rest. Written for hostile bytes:
//! every length is held to the bytes that remain, nesting is bounded, and
//! nothing is allocated, so walking can fail but never panic or run away.

/// Why a walk stopped.
pub(crate) type WalkError = String;

/// Nesting deeper than any Parquet structure needs (the crate's own skip
/// limit is 64).
const MAX_NESTING: usize = 64;

/// Compact protocol type codes.
pub(crate) mod ty {
    pub(crate) const TRUE: u8 = 1;
    pub(crate) const FALSE: u8 = 2;
    pub(crate) const BYTE: u8 = 3;
    pub(crate) const I16: u8 = 4;
    pub(crate) const I32: u8 = 5;
    pub(crate) const I64: u8 = 6;
    pub(crate) const DOUBLE: u8 = 7;
    pub(crate) const BINARY: u8 = 8;
    pub(crate) const LIST: u8 = 9;
    pub(crate) const SET: u8 = 10;
    pub(crate) const MAP: u8 = 11;
    pub(crate) const STRUCT: u8 = 12;
}

/// A cursor over compact-protocol bytes.
pub(crate) struct Compact<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Compact<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Self { buf, pos: 0 }
    }

    /// Bytes consumed so far.
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    fn byte(&mut self) -> Result<u8, WalkError> {
        let b = *self.buf.get(self.pos).ok_or("ends inside a value")?;
        self.pos += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, WalkError> {
        let mut out = 0u64;
        for shift in (0..70).step_by(7) {
            let b = self.byte()?;
            out |= u64::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            if b & 0x80 == 0 {
                return Ok(out);
            }
        }
        Err("a varint longer than 10 bytes".into())
    }

    /// A zigzag-encoded integer of a field of type `t` (i8, i16, i32, i64).
    pub(crate) fn int(&mut self, t: u8) -> Result<i64, WalkError> {
        match t {
            ty::BYTE => Ok(i64::from(self.byte()? as i8)),
            ty::I16 | ty::I32 | ty::I64 => {
                let v = self.varint()?;
                Ok((v >> 1) as i64 ^ -((v & 1) as i64))
            }
            _ => Err(format!("an integer field of type {t}")),
        }
    }

    /// A binary field's length, held to the bytes that remain.
    fn length(&mut self) -> Result<usize, WalkError> {
        let n = self.varint()?;
        usize::try_from(n)
            .ok()
            .filter(|&n| n <= self.remaining())
            .ok_or_else(|| format!("a length of {n} with {} bytes left", self.remaining()))
    }

    /// A list or set header: element type and count, each element taking
    /// at least one byte of what remains.
    pub(crate) fn list(&mut self) -> Result<(u8, usize), WalkError> {
        let head = self.byte()?;
        let count = match head >> 4 {
            15 => self.varint()?,
            n => u64::from(n),
        };
        match usize::try_from(count) {
            Ok(n) if n <= self.remaining() => Ok((head & 0x0f, n)),
            _ => Err(format!("a list of {count} elements with {} bytes left", self.remaining())),
        }
    }

    /// Reads a struct's fields, handing each to `field` with its id, type
    /// and the struct's depth; `field` must consume the value (reading it,
    /// or [`Compact::skip`]).
    pub(crate) fn fields(
        &mut self,
        depth: usize,
        mut field: impl FnMut(&mut Self, i16, u8, usize) -> Result<(), WalkError>,
    ) -> Result<(), WalkError> {
        if depth > MAX_NESTING {
            return Err(format!("structures nested over {MAX_NESTING} deep"));
        }
        let mut last = 0i16;
        loop {
            let head = self.byte()?;
            let t = head & 0x0f;
            if t == 0 {
                return Ok(());
            }
            let id = match head >> 4 {
                0 => i16::try_from(self.int(ty::I16)?).map_err(|_| "a field id out of range")?,
                delta => last.checked_add(i16::from(delta)).ok_or("a field id out of range")?,
            };
            last = id;
            field(self, id, t, depth)?;
        }
    }

    /// Skips a value of type `t` found at `depth`.
    pub(crate) fn skip(&mut self, t: u8, depth: usize) -> Result<(), WalkError> {
        match t {
            ty::TRUE | ty::FALSE => Ok(()),
            ty::BYTE | ty::I16 | ty::I32 | ty::I64 => self.int(t).map(drop),
            ty::DOUBLE => self.take(8),
            ty::BINARY => {
                let n = self.length()?;
                self.take(n)
            }
            ty::LIST | ty::SET => {
                let (elem, n) = self.list()?;
                for _ in 0..n {
                    self.element(elem, depth + 1)?;
                }
                Ok(())
            }
            ty::MAP => {
                let n = usize::try_from(self.varint()?).map_err(|_| "a map too large")?;
                if n == 0 {
                    return Ok(());
                }
                if n.saturating_mul(2) > self.remaining() {
                    return Err(format!("a map of {n} entries with {} bytes left", self.remaining()));
                }
                let kv = self.byte()?;
                for _ in 0..n {
                    self.element(kv >> 4, depth + 1)?;
                    self.element(kv & 0x0f, depth + 1)?;
                }
                Ok(())
            }
            ty::STRUCT => self.fields(depth + 1, |c, _, t, d| c.skip(t, d)),
            _ => Err(format!("a value of unknown type {t}")),
        }
    }

    /// Skips a list element: booleans in lists take a byte each.
    pub(crate) fn element(&mut self, t: u8, depth: usize) -> Result<(), WalkError> {
        match t {
            ty::TRUE | ty::FALSE => self.take(1),
            _ => self.skip(t, depth),
        }
    }

    fn take(&mut self, n: usize) -> Result<(), WalkError> {
        if n > self.remaining() {
            return Err("ends inside a value".into());
        }
        self.pos += n;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_and_bounds() {
        // struct { 1: i32 = -3, 2: binary "ab", 3: list<i32> [1, 2] } STOP
        let bytes = [0x15, 0x05, 0x18, 0x02, b'a', b'b', 0x19, 0x25, 0x02, 0x04, 0x00];
        let mut c = Compact::new(&bytes);
        let mut seen = Vec::new();
        c.fields(0, |c, id, t, d| {
            if id == 1 {
                seen.push(c.int(t)?);
                Ok(())
            } else {
                c.skip(t, d)
            }
        })
        .unwrap();
        assert_eq!(seen, [-3]);
        assert_eq!(c.position(), bytes.len());
        // A list claiming more elements than there are bytes.
        let mut c = Compact::new(&[0xf5, 0xff, 0xff, 0xff, 0xff, 0x07]);
        assert!(c.list().unwrap_err().contains("elements"));
        // A binary claiming more bytes than there are.
        let mut c = Compact::new(&[0x18, 0xff, 0x01, 0x00]);
        assert!(c.fields(0, |c, _, t, d| c.skip(t, d)).unwrap_err().contains("length"));
        // Structs nested past the bound.
        let deep: Vec<u8> = std::iter::repeat_n(0x1c, 100).chain(std::iter::repeat_n(0, 101)).collect();
        assert!(Compact::new(&deep).fields(0, |c, _, t, d| c.skip(t, d)).unwrap_err().contains("nested"));
    }
}

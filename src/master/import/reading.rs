//! Reading the file: its format from its first bytes, and how far the reading
//! has come (for the progress bar).

use std::cell::Cell;
use std::io::{Read, Seek, SeekFrom};
use std::rc::Rc;

use crate::feed::{detect_format, FeedFormat};

/// A reader that tells how far it has come (for the progress bar).
pub(super) struct Counting<R> {
    pub(super) inner: R,
    pub(super) position: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.position.set(self.position.get() + n as u64);
        Ok(n)
    }
}

impl<R: Seek> Seek for Counting<R> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        let at = self.inner.seek(pos)?;
        self.position.set(at);
        Ok(at)
    }
}

/// The format the first bytes of `reader` show (it is rewound).
pub(super) fn sniff_format<R: Read + Seek>(reader: &mut R) -> std::io::Result<Option<FeedFormat>> {
    let mut head = Vec::new();
    reader
        .take(crate::feed::encoding::SNIFF_BYTES as u64)
        .read_to_end(&mut head)?;
    reader.seek(SeekFrom::Start(0))?;
    Ok(detect_format(&head))
}

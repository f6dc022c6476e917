//! Line numbers of a stream that is read ahead in buffers: the CSV reader's own
//! record position points before the blank lines it skipped and counts CRLF
//! late, so the lines are counted where the bytes pass.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, BufRead, Read};
use std::rc::Rc;

/// Offsets of the line breaks the reader has handed out but no record has
/// reached yet; everything before the current record is folded into a count,
/// so the memory stays that of one read-ahead buffer.
#[derive(Debug, Default)]
pub(crate) struct LineBreaks {
    folded_newlines: u32,
    /// (byte offset, b'\n' or b'\r')
    pending: VecDeque<(u64, u8)>,
}

impl LineBreaks {
    /// The 1-based line of the first content byte at or after `offset` (the start
    /// the CSV reader reports for a record, which may precede blank lines).
    pub(crate) fn line_at(&mut self, offset: u64) -> u32 {
        let mut content = offset;
        while let Some(&(at, byte)) = self.pending.front() {
            if at < content {
                self.fold(byte);
            } else if at == content {
                // A blank line the reader skipped before the record.
                self.fold(byte);
                content += 1;
            } else {
                break;
            }
        }
        self.folded_newlines.saturating_add(1)
    }

    fn fold(&mut self, byte: u8) {
        self.pending.pop_front();
        if byte == b'\n' {
            self.folded_newlines = self.folded_newlines.saturating_add(1);
        }
    }
}

/// A reader that notes where line breaks pass.
#[derive(Debug)]
pub(crate) struct LineTap<R> {
    inner: R,
    offset: u64,
    breaks: Rc<RefCell<LineBreaks>>,
}

impl<R: Read> LineTap<R> {
    pub(crate) fn new(inner: R) -> (Self, Rc<RefCell<LineBreaks>>) {
        let breaks = Rc::new(RefCell::new(LineBreaks::default()));
        (
            LineTap {
                inner,
                offset: 0,
                breaks: Rc::clone(&breaks),
            },
            breaks,
        )
    }
}

impl<R: Read> Read for LineTap<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut breaks = self.breaks.borrow_mut();
        for (i, byte) in buf[..n].iter().enumerate() {
            if *byte == b'\n' || *byte == b'\r' {
                breaks.pending.push_back((self.offset + i as u64, *byte));
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// A buffered reader that counts the lines consumed so far (for XML, whose
/// parser consumes exactly what it has parsed).
#[derive(Debug)]
pub(crate) struct CountingBufRead<R> {
    inner: R,
    newlines: u32,
}

impl<R: BufRead> CountingBufRead<R> {
    pub(crate) fn new(inner: R) -> Self {
        CountingBufRead { inner, newlines: 0 }
    }

    /// The 1-based line the parser is on.
    pub(crate) fn line(&self) -> u32 {
        self.newlines.saturating_add(1)
    }
}

impl<R: BufRead> Read for CountingBufRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let count = buf[..n].iter().filter(|b| **b == b'\n').count();
        self.newlines = self
            .newlines
            .saturating_add(u32::try_from(count).unwrap_or(u32::MAX));
        Ok(n)
    }
}

impl<R: BufRead> BufRead for CountingBufRead<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        let count = match self.inner.fill_buf() {
            Ok(buf) => buf[..amount.min(buf.len())]
                .iter()
                .filter(|b| **b == b'\n')
                .count(),
            Err(_) => 0,
        };
        self.newlines = self
            .newlines
            .saturating_add(u32::try_from(count).unwrap_or(u32::MAX));
        self.inner.consume(amount);
    }
}

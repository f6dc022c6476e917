//! Line numbers of a stream that is read ahead in buffers: the CSV reader's own
//! record position points before the blank lines it skipped and counts CRLF
//! late, so the lines are counted where the bytes pass.
//!
//! A line ends with LF, CRLF or a lone CR (classic Mac files; what the CSV
//! reader and XML both take as a line end): every CR counts, and an LF only
//! when no CR comes right before it.

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
    /// The offset of the last CR folded (an LF right after it ends no new line).
    folded_cr: Option<u64>,
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
                self.fold(at, byte);
            } else if at == content {
                // A blank line the reader skipped before the record.
                self.fold(at, byte);
                content += 1;
            } else {
                break;
            }
        }
        self.folded_newlines.saturating_add(1)
    }

    fn fold(&mut self, at: u64, byte: u8) {
        self.pending.pop_front();
        let ends_line = match byte {
            b'\r' => {
                self.folded_cr = Some(at);
                true
            }
            _ => self.folded_cr.is_none_or(|cr| cr + 1 != at),
        };
        if ends_line {
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
    /// The last byte consumed was a CR (an LF next ends no new line).
    after_cr: bool,
}

impl<R: BufRead> CountingBufRead<R> {
    pub(crate) fn new(inner: R) -> Self {
        CountingBufRead {
            inner,
            newlines: 0,
            after_cr: false,
        }
    }

    /// The 1-based line the parser is on.
    pub(crate) fn line(&self) -> u32 {
        self.newlines.saturating_add(1)
    }

    fn count(&mut self, bytes: &[u8]) {
        for byte in bytes {
            if *byte == b'\r' || (*byte == b'\n' && !self.after_cr) {
                self.newlines = self.newlines.saturating_add(1);
            }
            self.after_cr = *byte == b'\r';
        }
    }
}

impl<R: BufRead> Read for CountingBufRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count(&buf[..n]);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for CountingBufRead<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let consumed = buf[..amount.min(buf.len())].to_vec();
            self.count(&consumed);
        }
        self.inner.consume(amount);
    }
}

/// A buffered reader that refuses to hand out more than `limit` bytes between
/// two calls of [`EventBudget::reset`]: the XML reader resets it after every
/// event, so no single tag, text or CDATA section can make the parser buffer
/// more than the limit (plus one read-ahead buffer), whatever the file holds.
#[derive(Debug)]
pub(crate) struct EventBudget<R> {
    inner: R,
    used: usize,
    limit: usize,
    exceeded: bool,
}

impl<R: BufRead> EventBudget<R> {
    pub(crate) fn new(inner: R, limit: usize) -> Self {
        EventBudget {
            inner,
            used: 0,
            limit,
            exceeded: false,
        }
    }

    pub(crate) fn reset(&mut self) {
        self.used = 0;
    }

    /// Whether reading stopped because one event was larger than the limit.
    pub(crate) fn exceeded(&self) -> bool {
        self.exceeded
    }

    pub(crate) fn get_ref(&self) -> &R {
        &self.inner
    }

    fn check(&mut self) -> io::Result<()> {
        if self.used > self.limit {
            self.exceeded = true;
            return Err(io::Error::other(format!(
                "more than {} bytes without a break",
                self.limit
            )));
        }
        Ok(())
    }
}

impl<R: BufRead> Read for EventBudget<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.check()?;
        let n = self.inner.read(buf)?;
        self.used = self.used.saturating_add(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for EventBudget<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.check()?;
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.used = self.used.saturating_add(amount);
        self.inner.consume(amount);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_budget_stops_a_reader_between_resets() {
        let data = vec![b'x'; 100_000];
        let mut reader = EventBudget::new(io::BufReader::with_capacity(1000, &data[..]), 10_000);
        let mut taken = 0;
        let error = loop {
            match reader.fill_buf() {
                Ok([]) => panic!("the budget never stopped the reader"),
                Ok(buf) => {
                    let n = buf.len();
                    reader.consume(n);
                    taken += n;
                }
                Err(e) => break e,
            }
        };
        assert!(reader.exceeded());
        assert!((10_000..=11_000).contains(&taken), "{taken} bytes passed");
        assert!(error.to_string().contains("10000 bytes"));

        // Reset after each piece, the same data passes.
        let mut reader = EventBudget::new(io::BufReader::with_capacity(1000, &data[..]), 10_000);
        let mut taken = 0;
        loop {
            let n = reader.fill_buf().unwrap().len();
            if n == 0 {
                break;
            }
            reader.consume(n);
            reader.reset();
            taken += n;
        }
        assert_eq!(taken, data.len());
        assert!(!reader.exceeded());
    }

    /// The line of each record start of `text`, as the CSV reader reports them
    /// (the offset after each line end), read in chunks of `chunk` bytes.
    fn lines_of_records(text: &[u8], starts: &[u64], chunk: usize) -> Vec<u32> {
        let (mut tap, breaks) = LineTap::new(text);
        let mut buf = vec![0; chunk];
        while tap.read(&mut buf).expect("reads") > 0 {}
        starts
            .iter()
            .map(|s| breaks.borrow_mut().line_at(*s))
            .collect()
    }

    #[test]
    fn lf_crlf_and_lone_cr_each_end_one_line() {
        for chunk in [1, 2, 3, 64] {
            // "h" line 1, "a" line 2, "b" line 3, "c" line 4, whatever ends them.
            assert_eq!(
                lines_of_records(b"h\na\nb\nc", &[0, 2, 4, 6], chunk),
                [1, 2, 3, 4]
            );
            assert_eq!(
                lines_of_records(b"h\r\na\r\nb\r\nc", &[0, 3, 6, 9], chunk),
                [1, 2, 3, 4]
            );
            assert_eq!(
                lines_of_records(b"h\ra\rb\rc", &[0, 2, 4, 6], chunk),
                [1, 2, 3, 4]
            );
            // Mixed, with blank lines skipped before "c" (reported at their start).
            assert_eq!(
                lines_of_records(b"h\ra\r\nb\n\r\r\nc", &[0, 2, 5, 7], chunk),
                [1, 2, 3, 6]
            );
        }
    }

    #[test]
    fn the_xml_counter_counts_the_same_line_ends() {
        for (text, lines) in [
            (&b"<a>\n<b/>\n</a>"[..], 3),
            (b"<a>\r\n<b/>\r\n</a>", 3),
            (b"<a>\r<b/>\r</a>", 3),
            (b"<a>\r\r\n\n<b/></a>", 4),
        ] {
            for chunk in [1, 2, 64] {
                let mut reader = CountingBufRead::new(io::BufReader::with_capacity(chunk, text));
                loop {
                    let available = reader.fill_buf().expect("reads").len();
                    if available == 0 {
                        break;
                    }
                    reader.consume(available.min(chunk));
                }
                assert_eq!(reader.line(), lines, "{text:?} in chunks of {chunk}");
            }
        }
    }
}

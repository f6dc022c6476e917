//! A set of keys that can only say "certainly not there" or "maybe there"
//! (a Bloom filter). A big import asks, for every article, whether its source
//! key, GTIN or part number is already in the catalog; almost always it is not.
//! The filter answers that from a few megabytes of bits, and only a "maybe"
//! costs a look-up in the database, which gives the exact answer.

/// How many bits per key the filter is sized for, and how many it sets per key:
/// about 0.1 % of absent keys answer "maybe" at the planned size; past it the
/// share grows slowly (never a wrong "no").
use rusqlite::Transaction;

use crate::Result;

const BITS_PER_KEY: u64 = 16;
const PROBES: u64 = 6;

/// The bits of one key all lie in one block of 8 words (a 64-byte cache
/// line): a look-up costs one cache miss, not `PROBES`.
const BLOCK_WORDS: u64 = 8;

#[derive(Debug)]
pub(super) struct KeyFilter {
    bits: Vec<u64>,
    /// The number of blocks less one (a power of two: a mask replaces the modulo).
    block_mask: u64,
}

impl KeyFilter {
    /// A filter for about `keys` keys.
    pub fn with_capacity(keys: u64) -> Self {
        let bits = (keys.max(1024) * BITS_PER_KEY).next_power_of_two();
        let blocks = bits / 64 / BLOCK_WORDS;
        KeyFilter {
            bits: vec![0; usize::try_from(bits / 64).unwrap_or(usize::MAX)],
            block_mask: blocks - 1,
        }
    }

    pub fn insert(&mut self, kind: u8, key: &str) {
        for (word, bit) in self.positions(kind, key) {
            if let Some(word) = self.bits.get_mut(word) {
                *word |= bit;
            }
        }
    }

    /// `false`: the key was never inserted. `true`: it may have been.
    pub fn may_contain(&self, kind: u8, key: &str) -> bool {
        self.positions(kind, key)
            .all(|(word, bit)| self.bits.get(word).is_some_and(|w| w & bit != 0))
    }

    /// `PROBES` (word index, bit mask) pairs inside one block: the block from
    /// one half of a 128-bit hash, the bits from 9-bit slices of the other.
    /// `kind` keeps different kinds of key apart in one filter.
    fn positions(&self, kind: u8, key: &str) -> impl Iterator<Item = (usize, u64)> {
        let (a, b) = hash(kind, key.as_bytes());
        let first_word = (a & self.block_mask) * BLOCK_WORDS;
        (0..PROBES).map(move |i| {
            let bit_in_block = (b >> (i * 9)) & (BLOCK_WORDS * 64 - 1);
            let word = first_word + bit_in_block / 64;
            (
                usize::try_from(word).unwrap_or(usize::MAX),
                1 << (bit_in_block % 64),
            )
        })
    }
}

/// Two 64-bit FNV-style hashes (different offsets and primes) of `kind` + `key`.
fn hash(kind: u8, key: &[u8]) -> (u64, u64) {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x8422_2325_cbf2_9ce4;
    for &byte in std::iter::once(&kind).chain(key) {
        a = (a ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        b = (b ^ u64::from(byte)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    // Mix, so that keys differing only in their last bytes spread over all bits.
    (mix(a), mix(b))
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The keys a big import looks up for every article (source keys of its
/// source, GTINs and manufacturer + part number of every product), as a
/// filter: a look-up is made only when the key may be there.
#[derive(Debug)]
pub(super) struct KnownKeys {
    filter: KeyFilter,
    /// The source whose offer keys are in the filter.
    source: Option<String>,
}

const OFFER: u8 = 1;
const GTIN: u8 = 2;
const PART_NUMBER: u8 = 3;

impl KnownKeys {
    /// The products' keys, in a filter sized for `keys` keys in all.
    pub fn load(tx: &Transaction<'_>, keys: u64) -> Result<Self> {
        let mut known = KnownKeys {
            filter: KeyFilter::with_capacity(keys),
            source: None,
        };
        let mut stmt =
            tx.prepare("SELECT ean, manufacturer, manufacturer_part_number FROM product")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let ean: Option<String> = r.get(0)?;
            let manufacturer: String = r.get(1)?;
            known.add_product(ean.as_deref(), &manufacturer, &r.get::<_, String>(2)?);
        }
        Ok(known)
    }

    /// Adds the offer keys of `source` (once).
    pub fn load_source(&mut self, tx: &Transaction<'_>, source: &str) -> Result<()> {
        if self.source.as_deref() == Some(source) {
            return Ok(());
        }
        let mut stmt = tx.prepare("SELECT source_key FROM supplier_offer WHERE source = ?1")?;
        let mut rows = stmt.query([source])?;
        while let Some(r) = rows.next()? {
            self.filter.insert(OFFER, &r.get::<_, String>(0)?);
        }
        self.source = Some(source.to_owned());
        Ok(())
    }

    pub fn add_offer(&mut self, key: &str) {
        self.filter.insert(OFFER, key);
    }

    pub fn offer_may_exist(&self, key: &str) -> bool {
        self.filter.may_contain(OFFER, key)
    }

    /// A product's keys: its EAN (whatever its check digit says: matching
    /// looks up valid GTINs among all EANs) and its part number.
    pub fn add_product(&mut self, ean: Option<&str>, manufacturer: &str, part_number: &str) {
        if let Some(ean) = ean {
            self.filter.insert(GTIN, ean);
        }
        self.filter
            .insert(PART_NUMBER, &part_number_key(manufacturer, part_number));
    }

    pub fn gtin_may_exist(&self, gtin: &str) -> bool {
        self.filter.may_contain(GTIN, gtin)
    }

    pub fn part_number_may_exist(&self, manufacturer: &str, part_number: &str) -> bool {
        self.filter
            .may_contain(PART_NUMBER, &part_number_key(manufacturer, part_number))
    }
}

/// Matching compares part numbers exactly and manufacturers with SQLite's
/// NOCASE, which folds ASCII letters only.
fn part_number_key(manufacturer: &str, part_number: &str) -> String {
    format!("{}\u{1f}{part_number}", manufacturer.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::KeyFilter;

    #[test]
    fn never_forgets_a_key_and_rarely_imagines_one() {
        let mut filter = KeyFilter::with_capacity(100_000);
        for n in 0..100_000 {
            filter.insert(1, &format!("{}", 4_000_000_000_000_u64 + n));
        }
        for n in 0..100_000 {
            assert!(filter.may_contain(1, &format!("{}", 4_000_000_000_000_u64 + n)));
        }
        // The same text as another kind of key, and keys never inserted.
        let imagined = (100_000..200_000)
            .filter(|n| filter.may_contain(1, &format!("{}", 4_000_000_000_000_u64 + n)))
            .count()
            + (0..100_000)
                .filter(|n| filter.may_contain(2, &format!("{}", 4_000_000_000_000_u64 + n)))
                .count();
        assert!(
            imagined < 400,
            "{imagined} of 200,000 absent keys answered maybe"
        );
    }
}

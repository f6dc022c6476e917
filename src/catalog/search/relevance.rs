//! What was typed into the search box, as an FTS5 query and as a ranking of
//! the products it matches.
//!
//! Why not FTS5's bm25: it weighs each term by how many products contain it,
//! and FTS5 finds that out by reading the term's whole doclist on every query
//! (30 ms for `usb c` in a million products), however few rows are ranked. The
//! ranking here looks at the candidates only: where each typed word occurs
//! (name, part number, EAN, manufacturer; else the description, which the
//! full-text match guarantees) and whether it is a whole word or a prefix.

/// Points for a typed word found in a column (the weights the search used with
/// bm25): the name counts most, the part number and the EAN nearly as much, the
/// manufacturer less, the description least.
const NAME: u32 = 10;
const PART_NUMBER: u32 = 8;
const EAN: u32 = 8;
const MANUFACTURER: u32 = 4;
const DESCRIPTION: u32 = 1;

/// A whole word counts twice as much as a word that is only a prefix of one
/// (`dock` ranks `Dell Dock WD19S` above `Dockingstation`).
const WHOLE: u32 = 2;
const PREFIX: u32 = 1;

/// One typed word: the tokens it splits into where the index's tokenizer
/// splits (`usb-c` → `usb`, `c`), lower-case and without diacritics.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    tokens: Vec<String>,
    /// The last token matches as a prefix (as you type). A one-character last
    /// token matches whole: the prefix `c` would merge the doclists of every
    /// term starting with c, which is slow on a big catalog and narrows nothing.
    prefix: bool,
}

/// What was typed, word by word; every word is required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TypedQuery {
    words: Vec<Word>,
}

/// The text of one candidate that the ranking reads.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub id: i64,
    /// Found by the query of whole words ([`TypedQuery::stages`]): every
    /// word typed is a whole word somewhere in the product, description
    /// included.
    pub whole: bool,
    pub name: String,
    pub manufacturer: String,
    pub part_number: String,
    pub ean: Option<String>,
}

impl TypedQuery {
    /// `None` when nothing searchable was typed (only punctuation or spaces).
    pub fn parse(text: &str) -> Option<Self> {
        let words: Vec<Word> = text
            .split_whitespace()
            .filter_map(|word| {
                let tokens = tokens(word);
                let prefix = tokens.last()?.chars().nth(1).is_some();
                Some(Word { tokens, prefix })
            })
            .collect();
        (!words.is_empty()).then_some(TypedQuery { words })
    }

    /// The FTS5 queries a search runs, cheapest first, each only while the
    /// ones before have not filled the page: every word whole (no prefix to
    /// expand: a prefix like `notebook*` merges the doclists of every term
    /// that starts with it, milliseconds for a common word in a million
    /// products); then the last word as a prefix (as you type); then every
    /// word as a prefix. Every token is quoted (so FTS5 syntax typed by the
    /// user is text) and required; a word of several tokens (`usb-c`) needs
    /// them all but not next to each other (the index keeps no positions:
    /// migration 0012), the ranking prefers them in order.
    pub fn stages(&self) -> Vec<String> {
        let last = self.words.len() - 1;
        let mut stages: Vec<String> = Vec::with_capacity(3);
        let none = |_: usize, _: &Word| false;
        let last_only = |i: usize, w: &Word| i == last && w.prefix;
        let every = |_: usize, w: &Word| w.prefix;
        for prefixed in [&none as &dyn Fn(usize, &Word) -> bool, &last_only, &every] {
            let query = self
                .words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let star = if prefixed(i, w) { "*" } else { "" };
                    let quoted: Vec<String> = w.tokens.iter().map(|t| format!("\"{t}\"")).collect();
                    format!("{}{star}", quoted.join(" "))
                })
                .collect::<Vec<_>>()
                .join(" ");
            if !stages.contains(&query) {
                stages.push(query);
            }
        }
        stages
    }

    /// The widest of [`TypedQuery::stages`]: every word a prefix.
    pub fn fts(&self) -> String {
        self.stages().pop().unwrap_or_default()
    }

    /// How well a candidate matches: its tier (1: every word typed is a whole
    /// word of the name, manufacturer, part number or EAN; 2: a whole word
    /// somewhere, the description included; 3: the rest) and, for each word,
    /// the points of the best column it occurs in.
    pub fn score(&self, candidate: &Candidate) -> (u8, u32) {
        let columns = [
            (NAME, tokens(&candidate.name)),
            (PART_NUMBER, tokens(&candidate.part_number)),
            (EAN, tokens(candidate.ean.as_deref().unwrap_or(""))),
            (MANUFACTURER, tokens(&candidate.manufacturer)),
        ];
        let mut all_whole = true;
        let points = self
            .words
            .iter()
            .map(|word| {
                let best = columns
                    .iter()
                    .filter_map(|(weight, text)| {
                        word.found_in(text)
                            .map(|whole| (weight * if whole { WHOLE } else { PREFIX }, whole))
                    })
                    .max();
                all_whole &= best.is_some_and(|(_, whole)| whole);
                // Matched, but not in the columns read: in the description.
                best.map_or(DESCRIPTION * PREFIX, |(points, _)| points)
            })
            .sum();
        let tier = match (candidate.whole, all_whole) {
            (true, true) => 1,
            (true, false) => 2,
            (false, _) => 3,
        };
        (tier, points)
    }

    /// The candidates best first: by tier (see [`TypedQuery::score`]), within
    /// a tier by points, then the shorter name (fewer words besides the ones
    /// typed), then the older product.
    pub fn rank(&self, candidates: &mut [Candidate]) {
        candidates.sort_by_cached_key(|c| {
            let (tier, points) = self.score(c);
            (
                tier,
                std::cmp::Reverse(points),
                c.name.chars().count(),
                c.id,
            )
        });
    }
}

impl Word {
    /// Whether the word occurs in a column's tokens as consecutive tokens
    /// (`Some(true)`: its last token whole, `Some(false)`: only as a prefix).
    fn found_in(&self, column: &[String]) -> Option<bool> {
        let n = self.tokens.len();
        let (last, head) = self.tokens.split_last()?;
        let mut found = None;
        for window in column.windows(n) {
            if window[..n - 1] != *head {
                continue;
            }
            let token = &window[n - 1];
            if token == last {
                return Some(true);
            }
            if self.prefix && token.starts_with(last.as_str()) {
                found = Some(false);
            }
        }
        found
    }
}

/// Splits text where FTS5's `unicode61` tokenizer does (at every character
/// that is not a letter or a digit) and folds each token as it does with
/// `remove_diacritics 2`: lower case, accents removed.
fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(fold)
        .collect()
}

fn fold(token: &str) -> String {
    token
        .chars()
        .flat_map(char::to_lowercase)
        .map(without_diacritic)
        .collect()
}

/// The base letter of an accented Latin letter (those that occur in supplier
/// data: Western and Central European); any other character as it is.
fn without_diacritic(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ł' | 'ľ' | 'ĺ' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' | 'ţ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(id: i64, name: &str, manufacturer: &str, part: &str, ean: &str) -> Candidate {
        Candidate {
            id,
            whole: true,
            name: name.into(),
            manufacturer: manufacturer.into(),
            part_number: part.into(),
            ean: Some(ean.into()),
        }
    }

    fn query(text: &str) -> TypedQuery {
        TypedQuery::parse(text).expect("searchable")
    }

    #[test]
    fn typed_words_become_prefix_phrases() {
        assert_eq!(query("lenovo thinkpad").fts(), "\"lenovo\"* \"thinkpad\"*");
        assert_eq!(query("dock usb-c").fts(), "\"dock\"* \"usb\" \"c\"");
        assert_eq!(query("usb-typ").fts(), "\"usb\" \"typ\"*");
        assert_eq!(query("\"AND\" (x* -").fts(), "\"and\"* \"x\"");
        assert_eq!(query("Höhe 32").fts(), "\"hohe\"* \"32\"*");
        assert!(TypedQuery::parse("  - ' ").is_none());
        assert_eq!(
            query("dock usb-c").stages(),
            ["\"dock\" \"usb\" \"c\"", "\"dock\"* \"usb\" \"c\""]
        );
        assert_eq!(
            query("dell latit").stages(),
            [
                "\"dell\" \"latit\"",
                "\"dell\" \"latit\"*",
                "\"dell\"* \"latit\"*"
            ]
        );
        assert_eq!(query("4008190").stages(), ["\"4008190\"", "\"4008190\"*"]);
        assert_eq!(query("x").stages(), ["\"x\""]);
    }

    /// A candidate found only by a query with prefixes.
    fn by_prefix(c: &Candidate) -> Candidate {
        Candidate {
            whole: false,
            ..c.clone()
        }
    }

    #[test]
    fn a_word_scores_by_the_best_column_it_is_in() {
        let dock = candidate(1, "Dell Dock WD19S", "Dell", "WD19S", "4012345678901");
        // dock: whole word in the name (20); usb-c: only in the description (1).
        assert_eq!(query("dock usb-c").score(&dock), (2, 21));
        // wd19: a prefix in the name (10) and the part number (8): the name wins.
        assert_eq!(query("wd19").score(&by_prefix(&dock)), (3, 10));
        // The whole EAN counts 16 (first tier); a prefix of it 8.
        assert_eq!(query("4012345678901").score(&dock), (1, 16));
        assert_eq!(query("401234").score(&by_prefix(&dock)), (3, 8));
        // The manufacturer: "dell" is whole in the name too (20).
        assert_eq!(query("dell").score(&dock), (1, 20));
        assert_eq!(query("dell wd19s").score(&dock), (1, 40));
        // Phrases: "usb-c" needs usb then c.
        let hub = candidate(2, "Hub USB-C 7 Port", "Acme", "H-7", "");
        assert_eq!(query("usb-c").score(&hub), (1, 20));
        assert_eq!(query("c-usb").score(&hub), (2, 1));
        // Diacritics are ignored both ways, as the index does.
        let monitor = candidate(3, "Monitor höhenverstellbar", "Dell", "P2", "");
        assert_eq!(query("hohenverst").score(&by_prefix(&monitor)), (3, 10));
        assert_eq!(query("Höhenverstellbar").score(&monitor), (1, 20));
    }

    #[test]
    fn ranking_prefers_whole_words_in_the_name_then_short_names_then_old_products() {
        let mut hits = vec![
            candidate(1, "Kabel passt zu jedem Dock", "Acme", "K1", ""),
            by_prefix(&candidate(2, "Dockingstation USB-C", "Lenovo", "40AY", "")),
            candidate(3, "Dell Dock WD19S", "Dell", "WD19S", ""),
            candidate(4, "Dock", "Acme", "D1", ""),
            // "Dock" in its description only.
            candidate(5, "Adapter", "Acme", "A1", ""),
        ];
        query("dock").rank(&mut hits);
        let ids: Vec<i64> = hits.iter().map(|c| c.id).collect();
        // The whole word in the name, shortest name first; then the whole
        // word in the description; then the prefix.
        assert_eq!(ids, [4, 3, 1, 5, 2]);
        // A whole word in the manufacturer (first tier, 8 points) before a
        // prefix in the name (third tier, 10 points).
        let mut hits = vec![
            by_prefix(&candidate(1, "Lenovoline Kabel", "Acme", "K1", "")),
            candidate(2, "Maus M1", "Lenovo", "M1", ""),
        ];
        query("lenovo").rank(&mut hits);
        assert_eq!(hits[0].id, 2);
    }
}

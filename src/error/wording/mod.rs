//! A sentence of the core as data: which sentence it is (`Says`, one enum per
//! area, each variant with its English template) and the values it names. The
//! core's messages are made from it in English; the UI says the same sentence
//! in its language from the same data (ui/src/lib/wording.ts), so no error or
//! violation reaches a German window as English text with raw codes.

/// Declares one area's sentences: the enum (serialized by its snake_case
/// name), `ALL` (for the test that holds the UI's translations to the same
/// values) and each sentence's English template.
macro_rules! sentences {
    ($(#[$enum_meta:meta])* $name:ident { $($(#[$meta:meta])* $variant:ident => $english:literal),+ $(,)? }) => {
        $(#[$enum_meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, specta::Type)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$meta])* $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The English template: `{name}` stands for the value of that name.
            pub fn english(self) -> &'static str {
                match self { $($name::$variant => $english),+ }
            }
        }
    };
}

mod catalog;
mod input;
mod refusal;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

use super::BlockingInstance;
use crate::vocabulary::{
    BookingContext, InstanceStatus, ItemKind, ItemStatus, OfferStatus, OfferType,
};

pub use catalog::CatalogSays;
pub use input::InputSays;
pub use refusal::RefusalSays;

/// Which sentence, by area (each area's sentences are one enum, in one file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "area", content = "says", rename_all = "snake_case")]
pub enum Says {
    /// The catalog rules (the designer, a portfolio file, an import).
    Catalog(CatalogSays),
    /// A wrong value in a form or a command's argument.
    Input(InputSays),
    /// An action refused (something in use, not found, beyond a bound).
    Refusal(RefusalSays),
}

impl Says {
    /// The English template: `{name}` stands for the value of that name.
    pub fn english(self) -> &'static str {
        match self {
            Says::Catalog(s) => s.english(),
            Says::Input(s) => s.english(),
            Says::Refusal(s) => s.english(),
        }
    }
}

impl From<CatalogSays> for Says {
    fn from(s: CatalogSays) -> Self {
        Says::Catalog(s)
    }
}
impl From<InputSays> for Says {
    fn from(s: InputSays) -> Self {
        Says::Input(s)
    }
}
impl From<RefusalSays> for Says {
    fn from(s: RefusalSays) -> Self {
        Says::Refusal(s)
    }
}

/// A value a sentence names, typed so that each language writes it its own
/// way (a date as 01.02.2026, a context as "Mitarbeiter", a number with a
/// decimal comma).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Value {
    /// A name, a code, a file name, or words of the operating system or a
    /// library: shown as they are.
    Text(String),
    /// A number (a count, months, a percentage, a quantity), as its decimal text.
    Number(String),
    /// An amount of money, as its decimal text (the currency, where known, is
    /// another value).
    Amount(String),
    Date(NaiveDate),
    Context(BookingContext),
    Contexts(Vec<BookingContext>),
    ItemStatus(ItemStatus),
    InstanceStatus(InstanceStatus),
    OfferType(OfferType),
    /// A kind of catalog item, said with its indefinite article ("a product",
    /// "an add-on"; in German "ein Produkt", "eine Zusatzleistung").
    ItemKind(ItemKind),
    /// A category rule by its name ("category rule Notebooks").
    Rule(String),
    OfferStatus(OfferStatus),
    /// Where an instance is booked: the name of its employee, location, cloud
    /// container or workplace; none for customer-wide.
    Place(Option<String>),
    /// Instances in the way, each as "item #id (status)".
    Instances(Vec<BlockingInstance>),
}

impl Value {
    fn english(&self) -> String {
        match self {
            Value::Text(t) | Value::Number(t) | Value::Amount(t) => t.clone(),
            Value::Date(d) => d.to_string(),
            Value::Context(c) => c.as_str().to_owned(),
            Value::Contexts(cs) => cs.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", "),
            Value::ItemStatus(s) => s.as_str().to_owned(),
            Value::InstanceStatus(s) => s.as_str().to_owned(),
            Value::OfferType(o) => o.as_str().to_owned(),
            Value::ItemKind(k) => match k {
                ItemKind::Product => "a product",
                ItemKind::Service => "a service",
                ItemKind::BasicService => "a basic service",
                ItemKind::AddOn => "an add-on",
            }
            .to_owned(),
            // As `catalog::rule_label` names a rule.
            Value::Rule(name) => format!("category rule {name}"),
            Value::OfferStatus(s) => s.as_str().to_owned(),
            Value::Place(name) => name.clone().unwrap_or_else(|| "customer-wide".to_owned()),
            Value::Instances(instances) => instances
                .iter()
                .map(|i| format!("{} #{} ({})", i.item, i.id, i.status.as_str()))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// One sentence with its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Wording {
    pub said: Says,
    pub values: BTreeMap<String, Value>,
}

impl Wording {
    pub fn new(says: impl Into<Says>) -> Self {
        Wording {
            said: says.into(),
            values: BTreeMap::new(),
        }
    }

    fn with(mut self, name: &str, value: Value) -> Self {
        self.values.insert(name.to_owned(), value);
        self
    }

    /// A name, code or other text shown as it is.
    pub fn text(self, name: &str, text: impl std::fmt::Display) -> Self {
        self.with(name, Value::Text(text.to_string()))
    }

    /// A count, months, a percentage: any number.
    pub fn number(self, name: &str, number: impl std::fmt::Display) -> Self {
        self.with(name, Value::Number(number.to_string()))
    }

    pub fn amount(self, name: &str, amount: Decimal) -> Self {
        self.with(name, Value::Amount(amount.to_string()))
    }

    pub fn date(self, name: &str, date: NaiveDate) -> Self {
        self.with(name, Value::Date(date))
    }

    pub fn context(self, name: &str, context: BookingContext) -> Self {
        self.with(name, Value::Context(context))
    }

    pub fn contexts(self, name: &str, contexts: &[BookingContext]) -> Self {
        self.with(name, Value::Contexts(contexts.to_vec()))
    }

    pub fn item_status(self, name: &str, status: ItemStatus) -> Self {
        self.with(name, Value::ItemStatus(status))
    }

    pub fn instance_status(self, name: &str, status: InstanceStatus) -> Self {
        self.with(name, Value::InstanceStatus(status))
    }

    pub fn offer_type(self, name: &str, offer_type: OfferType) -> Self {
        self.with(name, Value::OfferType(offer_type))
    }

    pub fn item_kind(self, name: &str, kind: ItemKind) -> Self {
        self.with(name, Value::ItemKind(kind))
    }

    /// A category rule by its name.
    pub fn rule(self, name: &str, rule_name: &str) -> Self {
        self.with(name, Value::Rule(rule_name.to_owned()))
    }

    /// A value as it is (one made for another sentence).
    pub fn value(self, name: &str, value: Value) -> Self {
        self.with(name, value)
    }

    pub fn offer_status(self, name: &str, status: OfferStatus) -> Self {
        self.with(name, Value::OfferStatus(status))
    }

    /// Where an instance is booked: a name, or none for customer-wide.
    pub fn place(self, name: &str, place: Option<&str>) -> Self {
        self.with(name, Value::Place(place.map(str::to_owned)))
    }

    pub fn instances(self, name: &str, instances: &[BlockingInstance]) -> Self {
        self.with(name, Value::Instances(instances.to_vec()))
    }

    /// The sentence in English, the core's language (messages, logs, the CLI).
    pub fn english(&self) -> String {
        fill(self.said.english(), &self.values)
    }
}

impl std::fmt::Display for Wording {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english())
    }
}

/// The template with each `{name}` replaced by its value's English; a name
/// without a value stays as it is written (a test checks every template's
/// names are given where it is used, see tests/wording.rs).
fn fill(template: &str, values: &BTreeMap<String, Value>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.get(name) {
                    Some(value) => out.push_str(&value.english()),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_is_filled_with_its_values_in_english() {
        let w = Wording::new(CatalogSays::NameEmpty).text("item", "SVC-1");
        assert_eq!(w.english(), "SVC-1: the name is empty");
        let mut values = BTreeMap::new();
        values.insert("n".to_owned(), Value::Number("3".into()));
        assert_eq!(fill("{n} of {m} {", &values), "3 of {m} {");
    }
}

//! A change line of the PDF's table (issue 13, item 2): the kind of change
//! and when it takes effect, what the instance becomes with its proposed
//! amounts, what it is now with its current amounts (grey, in the same
//! columns), and the notes: the last day for notice, the linked items that
//! move over, a setup fee. A line that ends has no proposed amounts: "—" and
//! "entfällt" / "ends", never 0,00 € as a price.
#![allow(clippy::float_arithmetic)] // page geometry in mm only; money is formatted text.

use super::{
    Layout, ACCENT, COL_DESC, COL_MONTH_R, COL_ONCE_R, COL_POS, COL_QTY_R, COL_TYPE, COL_UNIT_R,
    DESC_WIDTH, GREY_TEXT, LINE_SIZE, LINE_STEP, RIGHT,
};
use crate::booking::ChangeKind;
use crate::offer::{ChangedInstance, OfferLineView};

/// Grey text under a line: smaller than the line's own.
const NOTE_SIZE: f32 = 7.5;
const DASH: &str = "—";

/// A change line's texts, top to bottom.
pub(super) struct ChangeTexts {
    /// The kind of change and when (bold): "Höherstufung · ab 01.07.2026".
    heading: Vec<String>,
    /// What it becomes: the line's description.
    description: Vec<String>,
    /// What it is now: "Bisher: Managed365 Basic".
    was: Vec<String>,
    /// Notice, what moves over, the setup fee.
    notes: Vec<String>,
}

impl ChangeTexts {
    fn rows(&self) -> usize {
        self.heading.len() + self.description.len() + self.was.len() + self.notes.len()
    }
}

impl Layout<'_> {
    /// The item an `ends_with` line ends with: what the nearest change line
    /// before it in its group is now (the lines of a change follow the line
    /// of the instance they come with).
    fn ends_with_item(&self, line: &OfferLineView) -> Option<&str> {
        let group = self
            .offer
            .groups
            .iter()
            .find(|g| g.lines.iter().any(|l| l.position == line.position))?;
        group
            .lines
            .iter()
            .take_while(|l| l.position != line.position)
            .filter_map(|l| l.changed.as_ref())
            .filter(|c| c.kind != ChangeKind::EndsWith)
            .last()
            .map(|c| c.item.as_str())
    }

    fn change_texts(&self, line: &OfferLineView, changed: &ChangedInstance) -> ChangeTexts {
        let c = self.locale.change_labels();
        let date = self.locale.date(changed.effective);
        let heading = match changed.kind {
            ChangeKind::Cancel => format!(
                "{} · {} {date}",
                self.locale.change_kind(changed.kind),
                c.ends_on
            ),
            ChangeKind::EndsWith => match self.ends_with_item(line) {
                Some(item) => format!("{} {item} {} {date}", c.ends_with, c.on),
                None => format!("{} {} {date}", c.ends_with_its_item, c.on),
            },
            kind => format!("{} · {} {date}", self.locale.change_kind(kind), c.from),
        };
        let heading_width = RIGHT - COL_DESC - 2.0;
        let mut notes = Vec::new();
        if let Some(notice_by) = changed.notice_by {
            notes.push(format!("{} {}", c.notice_by, self.locale.date(notice_by)));
        }
        if !changed.moves.is_empty() {
            notes.push(format!("{} {}", c.moves_over, changed.moves.join(", ")));
        }
        if !changed.kind.ends() && !line.terms.setup_fee.is_zero() {
            let fee = self.money(line.terms.setup_fee);
            notes.push(format!("{} {fee}", self.locale.labels().setup_included));
        }
        let wrap = |text: &str, size: f32, bold: bool, width: f32| {
            self.metrics.wrap(text, size, bold, width)
        };
        ChangeTexts {
            heading: wrap(&heading, LINE_SIZE, true, heading_width),
            description: wrap(&line.description, LINE_SIZE, false, DESC_WIDTH),
            was: wrap(
                &format!("{} {}", c.currently, changed.item),
                NOTE_SIZE,
                false,
                DESC_WIDTH,
            ),
            notes: notes
                .iter()
                .flat_map(|note| wrap(note, NOTE_SIZE, false, DESC_WIDTH))
                .collect(),
        }
    }

    /// Height of a change line's row in mm.
    pub(super) fn change_height(&self, line: &OfferLineView, changed: &ChangedInstance) -> f32 {
        LINE_STEP * self.change_texts(line, changed).rows() as f32 + 1.5
    }

    /// A change line of the table; `keep` mm more must fit below it on the
    /// same page (the group's subtotal under its last line).
    pub(super) fn change_row(
        &mut self,
        line: &OfferLineView,
        changed: &ChangedInstance,
        keep: f32,
    ) {
        let c = self.locale.change_labels();
        let texts = self.change_texts(line, changed);
        let height = LINE_STEP * texts.rows() as f32 + 1.5;
        if self.room(height + keep) {
            self.table_header();
        }
        let step = LINE_STEP;
        let mut y = self.y;
        self.colored(
            COL_POS,
            y,
            LINE_SIZE,
            false,
            GREY_TEXT,
            line.position.to_string(),
        );
        for text in &texts.heading {
            self.colored(COL_DESC, y, LINE_SIZE, true, ACCENT, text.clone());
            y -= step;
        }

        // What it becomes, with the proposed amounts.
        let first = y;
        for text in &texts.description {
            self.text(COL_DESC, y, LINE_SIZE, false, text.clone());
            y -= step;
        }
        self.right(
            COL_QTY_R,
            first,
            LINE_SIZE,
            false,
            line.quantity.to_string(),
        );
        let offer_type = self.locale.offer_type(line.offer_type);
        self.text(COL_TYPE, first, LINE_SIZE, false, offer_type);
        if changed.kind.ends() {
            self.right(COL_UNIT_R, first, LINE_SIZE, false, DASH);
            self.right(COL_ONCE_R, first, LINE_SIZE, false, DASH);
            self.right(COL_MONTH_R, first, LINE_SIZE, true, c.ends);
        } else {
            let unit = self.unit_price(line);
            self.right(COL_UNIT_R, first, LINE_SIZE, false, unit);
            let once = self.amount_or_dash(line.amounts.one_time);
            let monthly = self.amount_or_dash(line.amounts.monthly);
            self.right(COL_ONCE_R, first, LINE_SIZE, false, once);
            self.right(COL_MONTH_R, first, LINE_SIZE, false, monthly);
        }

        // What it is now, with the current amounts, in grey.
        let now = y;
        for text in &texts.was {
            self.colored(COL_DESC, y, NOTE_SIZE, false, GREY_TEXT, text.clone());
            y -= step;
        }
        let quantity = changed.quantity.to_string();
        self.right_colored(COL_QTY_R, now, NOTE_SIZE, false, GREY_TEXT, quantity);
        let offer_type = self.locale.offer_type(changed.offer_type);
        self.colored(COL_TYPE, now, NOTE_SIZE, false, GREY_TEXT, offer_type);
        let once = self.amount_or_dash(changed.current_one_time);
        let monthly = self.amount_or_dash(changed.current_monthly);
        self.right_colored(COL_ONCE_R, now, NOTE_SIZE, false, GREY_TEXT, once);
        self.right_colored(COL_MONTH_R, now, NOTE_SIZE, false, GREY_TEXT, monthly);

        for text in &texts.notes {
            self.colored(COL_DESC, y, NOTE_SIZE, false, GREY_TEXT, text.clone());
            y -= step;
        }
        self.y -= height;
        self.rule(COL_DESC, RIGHT, self.y + 2.6, 0.1, (0.85, 0.85, 0.85));
    }
}

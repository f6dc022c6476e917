//! The customer-facing offer document as PDF: letterhead and sender from the
//! settings, the customer's address, the offer's number, version, date and
//! validity, its lines grouped by context with subtotals, the totals with VAT,
//! the terms, and "Page 1 of 2" on every page. DejaVu Sans is embedded
//! (assets/fonts, with its licence). Internal costs and margins never appear.
//!
//! Layout is done in millimetres as `f32`, which is what a PDF page is measured
//! in; money is formatted from the exact `Decimal` before it gets here and never
//! passes through a float.
//!
//! One job per file: the page, the table and its plain lines and the
//! rendering here; a change offer's lines (`change_rows`), the totals block
//! (`totals`) and the terms and notes (`terms`) beside it.
#![allow(clippy::float_arithmetic)] // page geometry in mm/pt only; no money below.

mod change_rows;
mod terms;
mod totals;

use printpdf::{
    path::PaintMode, Color, Image, ImageTransform, ImageXObject, IndirectFontRef, Line, Mm,
    PdfDocument, PdfLayerReference, Point, Rect, Rgb,
};
use rust_decimal::Decimal;
use std::io::Cursor;

use super::{export_failed, Offer, OfferLineView};
use crate::error::{RefusalSays, Wording};
use crate::locale::Locale;
use crate::settings::Settings;
use crate::vocabulary::OfferType;
use crate::{Error, Result};

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const LEFT: f32 = 20.0;
const RIGHT: f32 = 190.0;
/// Content stops above the footer.
const BOTTOM: f32 = 30.0;
const PT_TO_MM: f32 = 0.352_778;

// Table columns (mm): left edges or right edges for right-aligned columns.
const COL_POS: f32 = LEFT + 1.5;
const COL_DESC: f32 = LEFT + 10.0;
const DESC_WIDTH: f32 = 66.0;
const COL_QTY_R: f32 = 104.0;
const COL_TYPE: f32 = 107.0;
const COL_UNIT_R: f32 = 150.0;
const COL_ONCE_R: f32 = 170.0;
const COL_MONTH_R: f32 = RIGHT - 1.5;

/// The logo's box on the letterhead (mm): it is scaled to fit, its aspect kept,
/// standing at the box's top left.
const LOGO_W: f32 = 60.0;
const LOGO_H: f32 = 18.0;
const LOGO_TOP: f32 = PAGE_H - 10.0;

/// Table rows: font size (pt) and line step (mm).
const LINE_SIZE: f32 = 8.5;
const LINE_STEP: f32 = 4.0;
/// Heights (mm) of a group's heading and of its subtotal row.
const GROUP_HEADING_H: f32 = 7.0;
const SUBTOTAL_H: f32 = 9.0;

const ACCENT: (f32, f32, f32) = (0.10, 0.25, 0.45);
const GREY_TEXT: (f32, f32, f32) = (0.40, 0.40, 0.40);
const BLACK: (f32, f32, f32) = (0.0, 0.0, 0.0);
const GROUP_FILL: (f32, f32, f32) = (0.91, 0.93, 0.96);
const HEADER_FILL: (f32, f32, f32) = (0.10, 0.25, 0.45);
const WHITE: (f32, f32, f32) = (1.0, 1.0, 1.0);

#[derive(Debug, Clone)]
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: (f32, f32, f32),
        text: String,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        width: f32,
        color: (f32, f32, f32),
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: (f32, f32, f32),
    },
}

struct Metrics {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

impl Metrics {
    fn new() -> Result<Metrics> {
        let parse = |bytes: &'static [u8]| {
            ttf_parser::Face::parse(bytes, 0).map_err(|e| {
                Error::Export(Wording::new(RefusalSays::FontUnreadable).text("reason", e))
            })
        };
        Ok(Metrics {
            regular: parse(REGULAR)?,
            bold: parse(BOLD)?,
        })
    }

    /// Width of `text` in mm at `size` pt.
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let face = if bold { &self.bold } else { &self.regular };
        let units = f32::from(face.units_per_em());
        let advance: f32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(units / 2.0, f32::from)
            })
            .sum();
        advance / units * size * PT_TO_MM
    }

    /// Greedy word wrap to `width` mm.
    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_owned()
            } else {
                format!("{current} {word}")
            };
            if !current.is_empty() && self.width(&candidate, size, bold) > width {
                lines.push(std::mem::replace(&mut current, word.to_owned()));
            } else {
                current = candidate;
            }
        }
        if !current.is_empty() || lines.is_empty() {
            lines.push(current);
        }
        lines
    }
}

/// Pages of drawing operations, laid out top to bottom.
struct Layout<'a> {
    metrics: Metrics,
    pages: Vec<Vec<Op>>,
    y: f32,
    locale: Locale,
    offer: &'a Offer,
}

impl Layout<'_> {
    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a page")
    }

    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, text: impl Into<String>) {
        self.colored(x, y, size, bold, BLACK, text);
    }

    fn colored(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: (f32, f32, f32),
        text: impl Into<String>,
    ) {
        let text = text.into();
        if !text.is_empty() {
            self.ops().push(Op::Text {
                x,
                y,
                size,
                bold,
                color,
                text,
            });
        }
    }

    fn right(&mut self, right: f32, y: f32, size: f32, bold: bool, text: impl Into<String>) {
        self.right_colored(right, y, size, bold, BLACK, text);
    }

    fn right_colored(
        &mut self,
        right: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: (f32, f32, f32),
        text: impl Into<String>,
    ) {
        let text = text.into();
        let x = right - self.metrics.width(&text, size, bold);
        self.colored(x, y, size, bold, color, text);
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32, width: f32, color: (f32, f32, f32)) {
        self.ops().push(Op::Rule {
            x1,
            x2,
            y,
            width,
            color,
        });
    }

    fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, color: (f32, f32, f32)) {
        self.ops().push(Op::Fill { x, y, w, h, color });
    }

    /// Starts a continuation page with a short running head.
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        let l = self.locale.labels();
        let head = format!(
            "{} {} · {}",
            l.offer,
            self.offer.title(),
            self.offer.customer.name
        );
        self.colored(LEFT, PAGE_H - 15.0, 8.0, false, GREY_TEXT, head);
        self.rule(LEFT, RIGHT, PAGE_H - 17.0, 0.3, GREY_TEXT);
        self.y = PAGE_H - 24.0;
    }

    /// Makes room for `height` mm, on a new page if need be; returns true when a
    /// page was started.
    fn room(&mut self, height: f32) -> bool {
        if self.y - height < BOTTOM {
            self.new_page();
            true
        } else {
            false
        }
    }

    fn money(&self, amount: Decimal) -> String {
        self.locale.money(amount, &self.offer.currency)
    }

    fn table_header(&mut self) {
        let l = self.locale.labels();
        let y = self.y;
        self.fill(LEFT, y - 2.0, RIGHT - LEFT, 6.5, HEADER_FILL);
        let size = 8.0;
        let base = y + 0.2;
        self.colored(COL_POS, base, size, true, WHITE, l.position);
        self.colored(COL_DESC, base, size, true, WHITE, l.description);
        self.right_colored(COL_QTY_R, base, size, true, WHITE, l.quantity);
        self.colored(COL_TYPE, base, size, true, WHITE, l.offer_type);
        self.right_colored(COL_UNIT_R, base, size, true, WHITE, l.unit_price);
        self.right_colored(COL_ONCE_R, base, size, true, WHITE, l.one_time);
        self.right_colored(COL_MONTH_R, base, size, true, WHITE, l.monthly);
        self.y -= 8.5;
    }

    /// The description lines and the grey notes under them of a table row.
    fn line_texts(&self, line: &OfferLineView) -> (Vec<String>, Vec<String>) {
        let desc = self
            .metrics
            .wrap(&line.description, LINE_SIZE, false, DESC_WIDTH);
        let mut extra = Vec::new();
        if !line.terms.setup_fee.is_zero() {
            let fee = self.money(line.terms.setup_fee);
            extra.push(format!("{} {fee}", self.locale.labels().setup_included));
        }
        (desc, extra)
    }

    /// Height of a line's row in mm.
    fn line_height(&self, line: &OfferLineView) -> f32 {
        if let Some(changed) = &line.changed {
            return self.change_height(line, changed);
        }
        let (desc, extra) = self.line_texts(line);
        LINE_STEP * (desc.len() + extra.len()) as f32 + 1.5
    }

    /// A line's unit price: exact, as the line multiplies it (42,775 € × 3 =
    /// 128,325 → 128,33 €), marked and explained under the terms when it has
    /// more than cents.
    fn unit_price(&self, line: &OfferLineView) -> String {
        let per_unit = match line.offer_type {
            OfferType::Purchase => line.terms.one_time_per_unit,
            _ => line.terms.monthly_per_unit,
        };
        let mut unit = self.locale.unit_money(per_unit, &self.offer.currency);
        if line.offer_type != OfferType::Purchase {
            unit = format!("{unit} {}", self.locale.labels().per_month);
        }
        if Locale::has_sub_cents(per_unit) {
            unit.push('*');
        }
        unit
    }

    /// An amount of a line, "–" when there is none.
    fn amount_or_dash(&self, amount: Decimal) -> String {
        if amount.is_zero() {
            "–".to_owned()
        } else {
            self.money(amount)
        }
    }

    /// One line of the table; `keep` mm more must fit below it on the same
    /// page (the group's subtotal under its last line).
    fn line_row(&mut self, line: &OfferLineView, keep: f32) {
        if let Some(changed) = &line.changed {
            return self.change_row(line, changed, keep);
        }
        let size = LINE_SIZE;
        let step = LINE_STEP;
        let (desc, extra) = self.line_texts(line);
        let height = step * (desc.len() + extra.len()) as f32 + 1.5;
        if self.room(height + keep) {
            self.table_header();
        }
        let y = self.y;
        self.colored(
            COL_POS,
            y,
            size,
            false,
            GREY_TEXT,
            line.position.to_string(),
        );
        for (i, text) in desc.iter().enumerate() {
            self.text(COL_DESC, y - step * i as f32, size, false, text.clone());
        }
        for (i, text) in extra.iter().enumerate() {
            let row = y - step * (desc.len() + i) as f32;
            self.colored(COL_DESC, row, 7.5, false, GREY_TEXT, text.clone());
        }
        self.right(COL_QTY_R, y, size, false, line.quantity.to_string());
        self.text(
            COL_TYPE,
            y,
            size,
            false,
            self.locale.offer_type(line.offer_type),
        );
        let unit = self.unit_price(line);
        self.right(COL_UNIT_R, y, size, false, unit);
        let once = self.amount_or_dash(line.amounts.one_time);
        let monthly = self.amount_or_dash(line.amounts.monthly);
        self.right(COL_ONCE_R, y, size, false, once);
        self.right(COL_MONTH_R, y, size, false, monthly);
        self.y -= height;
        self.rule(COL_DESC, RIGHT, self.y + 2.6, 0.1, (0.85, 0.85, 0.85));
    }
}

/// Renders the offer as a PDF in `locale`, with the sender from `settings`
/// and the logo they name on the letterhead (a logo that cannot be read is
/// an error naming its file).
pub fn offer_pdf(offer: &Offer, settings: &Settings, locale: Locale) -> Result<Vec<u8>> {
    let logo = settings
        .logo_path
        .as_deref()
        .map(str::trim)
        .filter(|path| !path.is_empty())
        .map(|path| super::logo::load_logo(std::path::Path::new(path)))
        .transpose()?;
    let mut layout = Layout {
        metrics: Metrics::new()?,
        pages: vec![Vec::new()],
        y: 0.0,
        locale,
        offer,
    };
    first_page(&mut layout, settings, logo.is_some());
    table(&mut layout);
    totals::totals(&mut layout);
    terms::terms(&mut layout);
    render(layout, settings, logo)
}

/// Where the logo of `width` × `height` pixels stands (x, y of its bottom
/// left, width, height in mm): as large as the box allows, aspect kept.
fn logo_place(width: usize, height: usize) -> (f32, f32, f32, f32) {
    let (w, h) = (width.max(1) as f32, height.max(1) as f32);
    let scale = (LOGO_W / w).min(LOGO_H / h);
    let (w, h) = (w * scale, h * scale);
    (LEFT, LOGO_TOP - h, w, h)
}

fn first_page(p: &mut Layout<'_>, settings: &Settings, has_logo: bool) {
    let l = p.locale.labels();
    let offer = p.offer;
    // Letterhead: the logo (or the company's name) on the left, its address
    // and contact on the right.
    if !has_logo {
        p.colored(
            LEFT,
            PAGE_H - 24.0,
            18.0,
            true,
            ACCENT,
            settings.company_name.clone(),
        );
    }
    let mut y = PAGE_H - 14.0;
    for text in settings.address.lines().chain(settings.contact.lines()) {
        p.right_colored(RIGHT, y, 8.0, false, GREY_TEXT, text.trim().to_owned());
        y -= 3.6;
    }
    let top_rule = (PAGE_H - 30.0).min(y - 1.0);
    p.rule(LEFT, RIGHT, top_rule, 0.8, ACCENT);

    // Sender line and the customer's address (window of a DIN 5008 envelope).
    let sender: Vec<&str> = std::iter::once(settings.company_name.as_str())
        .chain(settings.address.lines().map(str::trim))
        .filter(|s| !s.is_empty())
        .collect();
    let address_top = PAGE_H - 50.0;
    p.colored(LEFT, address_top, 7.0, false, GREY_TEXT, sender.join(" · "));
    p.rule(LEFT, LEFT + 85.0, address_top - 1.2, 0.1, GREY_TEXT);
    let customer = &offer.customer;
    let city = format!("{} {}", customer.postal_code, customer.city);
    // Domestic letters carry no country line (DIN 5008); the sender is German
    // or writes in German, otherwise the ISO code is printed.
    let country = if customer.country == "DE" {
        ""
    } else {
        customer.country.as_str()
    };
    let mut y = address_top - 6.0;
    for (i, text) in [
        customer.name.as_str(),
        customer.street.as_str(),
        city.trim(),
        country,
    ]
    .into_iter()
    .filter(|t| !t.is_empty())
    .enumerate()
    {
        p.text(LEFT, y, 10.0, i == 0, text.to_owned());
        y -= 4.6;
    }

    // Offer details on the right.
    let rows = [
        (l.offer_number, offer.number.clone()),
        (l.version, offer.version.to_string()),
        (l.date, p.locale.date(offer.offer_date)),
        (l.valid_until, p.locale.date(offer.valid_until)),
        (l.customer_number, customer.id.to_string()),
    ];
    let mut y = address_top - 6.0;
    for (label, value) in rows {
        p.colored(128.0, y, 8.5, false, GREY_TEXT, label);
        p.right(RIGHT, y, 8.5, true, value);
        y -= 4.6;
    }

    // Title and opening line.
    let title_y = PAGE_H - 100.0;
    p.text(
        LEFT,
        title_y,
        15.0,
        true,
        format!("{} {}", l.offer, offer.number),
    );
    if offer.version > 1 {
        let x = LEFT
            + p.metrics
                .width(&format!("{} {}", l.offer, offer.number), 15.0, true)
            + 3.0;
        p.colored(
            x,
            title_y,
            10.0,
            false,
            GREY_TEXT,
            format!("({} {})", l.version, offer.version),
        );
    }
    p.text(LEFT, title_y - 9.0, 9.5, false, l.salutation);
    p.text(LEFT, title_y - 14.0, 9.5, false, l.greeting);
    p.y = title_y - 24.0;
}

fn table(p: &mut Layout<'_>) {
    let l = p.locale.labels();
    p.table_header();
    let totals = &p.offer.calculation.totals;
    for group in &p.offer.groups {
        // A group's heading never stands alone at the foot of a page: it
        // keeps its first line with it, and a group of one line keeps its
        // subtotal too (the whole group moves to the next page).
        let first = group.lines.first().map_or(0.0, |line| p.line_height(line));
        let subtotal = if group.lines.len() <= 1 {
            SUBTOTAL_H
        } else {
            0.0
        };
        if p.room(GROUP_HEADING_H + first + subtotal) {
            p.table_header();
        }
        let y = p.y;
        p.fill(LEFT, y - 1.8, RIGHT - LEFT, 6.0, GROUP_FILL);
        let label = group.label_in(p.locale);
        p.colored(COL_POS, y, 9.0, true, ACCENT, label);
        p.y -= GROUP_HEADING_H;
        let last = group.lines.len().saturating_sub(1);
        for (i, line) in group.lines.iter().enumerate() {
            // The last line keeps the subtotal with it.
            let keep = if i == last { SUBTOTAL_H - 2.0 } else { 0.0 };
            p.line_row(line, keep);
        }
        let sums = totals
            .per_context
            .iter()
            .find(|c| c.context == group.context)
            .map(|c| c.net)
            .unwrap_or_default();
        if p.room(SUBTOTAL_H - 2.0) {
            p.table_header();
        }
        let y = p.y;
        p.rule(COL_TYPE, RIGHT, y + 2.8, 0.3, GREY_TEXT);
        p.right_colored(COL_UNIT_R, y - 0.5, 8.0, true, GREY_TEXT, l.subtotal);
        let once = p.money(sums.one_time);
        let monthly = p.money(sums.monthly);
        p.right(COL_ONCE_R, y - 0.5, 8.5, true, once);
        p.right(COL_MONTH_R, y - 0.5, 8.5, true, monthly);
        p.y -= SUBTOTAL_H;
    }
}

fn footer(p: &Layout<'_>, settings: &Settings, page: usize, pages: usize) -> Vec<Op> {
    let l = p.locale.labels();
    let mut ops = vec![Op::Rule {
        x1: LEFT,
        x2: RIGHT,
        y: 22.0,
        width: 0.3,
        color: ACCENT,
    }];
    let columns: [(f32, Vec<String>); 3] = [
        (
            LEFT,
            std::iter::once(settings.company_name.clone())
                .chain(settings.address.lines().map(|s| s.trim().to_owned()))
                .collect(),
        ),
        (
            82.0,
            [
                (!settings.vat_id.is_empty()).then(|| format!("{} {}", l.vat_id, settings.vat_id)),
                (!settings.bank.is_empty()).then(|| settings.bank.clone()),
            ]
            .into_iter()
            .flatten()
            .flat_map(|s| s.lines().map(|x| x.trim().to_owned()).collect::<Vec<_>>())
            .collect(),
        ),
        (
            140.0,
            settings
                .contact
                .lines()
                .map(|s| s.trim().to_owned())
                .collect(),
        ),
    ];
    for (x, texts) in columns {
        for (i, text) in texts.into_iter().take(4).enumerate() {
            if !text.is_empty() {
                ops.push(Op::Text {
                    x,
                    y: 18.5 - 3.0 * i as f32,
                    size: 6.5,
                    bold: false,
                    color: GREY_TEXT,
                    text,
                });
            }
        }
    }
    let label = p.locale.page(page, pages);
    ops.push(Op::Text {
        x: RIGHT - p.metrics.width(&label, 7.5, false),
        y: 6.5,
        size: 7.5,
        bold: false,
        color: GREY_TEXT,
        text: label,
    });
    ops
}

fn rgb((r, g, b): (f32, f32, f32)) -> Color {
    Color::Rgb(Rgb::new(r, g, b, None))
}

fn draw(layer: &PdfLayerReference, ops: &[Op], regular: &IndirectFontRef, bold: &IndirectFontRef) {
    for op in ops {
        match op {
            Op::Text {
                x,
                y,
                size,
                bold: is_bold,
                color,
                text,
            } => {
                layer.set_fill_color(rgb(*color));
                let font = if *is_bold { bold } else { regular };
                layer.use_text(text.as_str(), *size, Mm(*x), Mm(*y), font);
            }
            Op::Rule {
                x1,
                x2,
                y,
                width,
                color,
            } => {
                layer.set_outline_color(rgb(*color));
                layer.set_outline_thickness(*width / PT_TO_MM);
                layer.add_line(Line {
                    points: vec![
                        (Point::new(Mm(*x1), Mm(*y)), false),
                        (Point::new(Mm(*x2), Mm(*y)), false),
                    ],
                    is_closed: false,
                });
            }
            Op::Fill { x, y, w, h, color } => {
                layer.set_fill_color(rgb(*color));
                layer.add_rect(
                    Rect::new(Mm(*x), Mm(*y), Mm(*x + *w), Mm(*y + *h)).with_mode(PaintMode::Fill),
                );
            }
        }
    }
}

fn render(layout: Layout<'_>, settings: &Settings, logo: Option<ImageXObject>) -> Result<Vec<u8>> {
    let fail = |e: printpdf::Error| Error::Export(export_failed("PDF", e));
    let l = layout.locale.labels();
    let title = format!("{} {}", l.offer, layout.offer.title());
    let (doc, first_page, first_layer) = PdfDocument::new(&title, Mm(PAGE_W), Mm(PAGE_H), "offer");
    let doc = doc
        .with_producer("Servicefolio")
        .with_creator("Servicefolio");
    let regular = doc.add_external_font(Cursor::new(REGULAR)).map_err(fail)?;
    let bold = doc.add_external_font(Cursor::new(BOLD)).map_err(fail)?;
    let pages = layout.pages.len();
    let mut logo = logo;
    for (index, ops) in layout.pages.iter().enumerate() {
        let layer = if index == 0 {
            doc.get_page(first_page).get_layer(first_layer)
        } else {
            let (page, layer) = doc.add_page(Mm(PAGE_W), Mm(PAGE_H), "offer");
            doc.get_page(page).get_layer(layer)
        };
        if index == 0 {
            if let Some(logo) = logo.take() {
                let (x, y, w, h) = logo_place(logo.width.0, logo.height.0);
                // At 72 dpi a pixel is a point; scaled from there to the box.
                let (px_w, px_h) = (logo.width.0 as f32, logo.height.0 as f32);
                Image::from(logo).add_to_layer(
                    layer.clone(),
                    ImageTransform {
                        translate_x: Some(Mm(x)),
                        translate_y: Some(Mm(y)),
                        scale_x: Some(w / PT_TO_MM / px_w),
                        scale_y: Some(h / PT_TO_MM / px_h),
                        dpi: Some(72.0),
                        ..ImageTransform::default()
                    },
                );
            }
        }
        draw(&layer, ops, &regular, &bold);
        draw(
            &layer,
            &footer(&layout, settings, index + 1, pages),
            &regular,
            &bold,
        );
    }
    doc.save_to_bytes().map_err(fail)
}

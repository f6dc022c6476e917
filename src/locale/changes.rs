//! The words of change offers in customer documents (issue 13, item 2): what
//! kind of change a line is, what it is now, when it takes effect, and the
//! customer's monthly amount before and after the offer. Kept apart from the
//! offer's own labels so each list stays readable.

use crate::booking::ChangeKind;

use super::Locale;

/// The fixed words of a change offer in one language.
#[derive(Debug)]
pub struct ChangeLabels {
    /// Before what a changed instance is now: "Bisher:" / "Currently:".
    pub currently: &'static str,
    /// Before the day a change takes effect: "ab 01.07.2026" / "from 1 Jul 2026".
    pub from: &'static str,
    /// Before the last day of what ends: "endet am" / "ends on".
    pub ends_on: &'static str,
    /// Before the last day notice can be given: "Kündigung bis" / "Notice by".
    pub notice_by: &'static str,
    /// Before the linked items that move over to what takes its place.
    pub moves_over: &'static str,
    /// In the amount column of a line that ends: nothing is due any more.
    pub ends: &'static str,
    /// "Ends with" the item named after it, "on" the day.
    pub ends_with: &'static str,
    pub on: &'static str,
    /// "Ends with" when the item it comes with is not in the offer.
    pub ends_with_its_item: &'static str,
    pub current_monthly_net: &'static str,
    pub new_monthly_net: &'static str,
    pub difference_monthly_net: &'static str,
    /// The table columns of the XLSX: the kind of change, when it takes
    /// effect, and the instance's current amounts.
    pub change: &'static str,
    pub effective: &'static str,
    pub current_one_time: &'static str,
    pub current_monthly: &'static str,
    /// Above the totals of what the customer pays a month now and then.
    pub monthly_change_heading: &'static str,
}

impl Locale {
    /// The fixed words of change offers.
    pub fn change_labels(self) -> &'static ChangeLabels {
        match self {
            Locale::De => &DE,
            Locale::En => &EN,
        }
    }

    /// A difference of money with its sign: `+12,00 €`, `-5,00 €`, `0,00 €` /
    /// `+€12.00`, `-€5.00`, `€0.00`.
    pub fn signed_money(self, value: rust_decimal::Decimal, currency: &str) -> String {
        let text = self.money(value, currency);
        if text.starts_with('-') || self.money(rust_decimal::Decimal::ZERO, currency) == text {
            text
        } else {
            format!("+{text}")
        }
    }

    /// The name of a kind of change: "Höherstufung" / "Upgrade".
    pub fn change_kind(self, kind: ChangeKind) -> &'static str {
        use ChangeKind::*;
        match (self, kind) {
            (Locale::De, Order) => "Bestellung",
            (Locale::De, Renew) => "Verlängerung",
            (Locale::De, Upgrade) => "Höherstufung",
            (Locale::De, Downgrade) => "Herabstufung",
            (Locale::De, Reconfigure) => "Umstellung",
            (Locale::De, MoreUnits) => "Mehr Einheiten",
            (Locale::De, FewerUnits) => "Weniger Einheiten",
            (Locale::De, SwitchOfferType) => "Wechsel der Vertragsart",
            (Locale::De, Replace) => "Ersatz durch Nachfolger",
            (Locale::De, Cancel) => "Kündigung",
            (Locale::De, EndsWith) => "Endet mit",
            (Locale::En, Order) => "Order",
            (Locale::En, Renew) => "Renewal",
            (Locale::En, Upgrade) => "Upgrade",
            (Locale::En, Downgrade) => "Downgrade",
            (Locale::En, Reconfigure) => "Reconfiguration",
            (Locale::En, MoreUnits) => "More units",
            (Locale::En, FewerUnits) => "Fewer units",
            (Locale::En, SwitchOfferType) => "Offer type switch",
            (Locale::En, Replace) => "Replacement by successor",
            (Locale::En, Cancel) => "Cancellation",
            (Locale::En, EndsWith) => "Ends with",
        }
    }
}

const DE: ChangeLabels = ChangeLabels {
    currently: "Bisher:",
    from: "ab",
    ends_on: "endet am",
    notice_by: "Kündigung bis",
    moves_over: "Wechselt mit:",
    ends: "entfällt",
    ends_with: "Endet mit",
    on: "am",
    ends_with_its_item: "Endet mit dem zugehörigen Vertrag",
    current_monthly_net: "Monatlich bisher netto",
    new_monthly_net: "Monatlich neu netto",
    difference_monthly_net: "Differenz monatlich netto",
    change: "Änderung",
    effective: "Wirksam ab",
    current_one_time: "Einmalig bisher",
    current_monthly: "Monatlich bisher",
    monthly_change_heading: "Ihr monatlicher Betrag",
};

const EN: ChangeLabels = ChangeLabels {
    currently: "Currently:",
    from: "from",
    ends_on: "ends on",
    notice_by: "Notice by",
    moves_over: "Moves over with it:",
    ends: "ends",
    ends_with: "Ends with",
    on: "on",
    ends_with_its_item: "Ends with the contract it comes with",
    current_monthly_net: "Current monthly net",
    new_monthly_net: "New monthly net",
    difference_monthly_net: "Monthly difference net",
    change: "Change",
    effective: "Effective",
    current_one_time: "Current one-time",
    current_monthly: "Current monthly",
    monthly_change_heading: "Your monthly amount",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_name_in_both_languages_and_they_differ() {
        use ChangeKind::*;
        for kind in [
            Order,
            Renew,
            Upgrade,
            Downgrade,
            Reconfigure,
            MoreUnits,
            FewerUnits,
            SwitchOfferType,
            Replace,
            Cancel,
            EndsWith,
        ] {
            let (de, en) = (Locale::De.change_kind(kind), Locale::En.change_kind(kind));
            assert!(!de.is_empty() && !en.is_empty());
            assert_ne!(de, en, "{kind:?}");
        }
    }

    #[test]
    fn a_difference_is_signed_unless_it_is_nothing() {
        let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
        assert_eq!(Locale::De.signed_money(d("12"), "EUR"), "+12,00 €");
        assert_eq!(Locale::De.signed_money(d("-1234.5"), "EUR"), "-1.234,50 €");
        assert_eq!(Locale::En.signed_money(d("12"), "EUR"), "+€12.00");
        assert_eq!(Locale::En.signed_money(d("-0.001"), "EUR"), "€0.00");
        assert_eq!(Locale::En.signed_money(d("0"), "CHF"), "CHF 0.00");
    }
}

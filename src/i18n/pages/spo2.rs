//! Text of the `spo2` page.

use super::PageText;

pub const TEXT: PageText = PageText { en: &[], ja: &[] };

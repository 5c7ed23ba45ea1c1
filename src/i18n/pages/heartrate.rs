//! Text of the `heartrate` page.

use super::PageText;

pub const TEXT: PageText = PageText { en: &[], ja: &[] };

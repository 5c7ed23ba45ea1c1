//! Text of the `stress` page.

use super::PageText;

pub const TEXT: PageText = PageText { en: &[], ja: &[] };

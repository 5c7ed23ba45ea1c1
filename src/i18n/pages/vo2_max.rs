//! Text of the `vo2_max` page.

use super::PageText;

pub const TEXT: PageText = PageText { en: &[], ja: &[] };

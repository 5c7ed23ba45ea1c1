//! Text of the `bedtime` page.

use super::PageText;

pub const TEXT: PageText = PageText { en: &[], ja: &[] };

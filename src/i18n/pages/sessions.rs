//! Text of the `sessions` page.

use super::PageText;

pub const TEXT: PageText = PageText { en: &[], ja: &[] };

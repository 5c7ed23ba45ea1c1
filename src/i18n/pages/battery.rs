//! Text of the `battery` page.

use super::PageText;

pub const TEXT: PageText = PageText { en: &[], ja: &[] };

//! Text of the `rings` page.

use super::PageText;

pub const TEXT: PageText = PageText { en: &[], ja: &[] };

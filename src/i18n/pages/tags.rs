//! Text of the `tags` page.

use super::PageText;

pub const TEXT: PageText = PageText { en: &[], ja: &[] };

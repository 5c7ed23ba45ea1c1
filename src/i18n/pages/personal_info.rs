//! Text of the `personal_info` page.

use super::PageText;

pub const TEXT: PageText = PageText { en: &[], ja: &[] };

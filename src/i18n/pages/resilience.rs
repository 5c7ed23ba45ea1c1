//! Text of the `resilience` page.

use super::PageText;

pub const TEXT: PageText = PageText { en: &[], ja: &[] };

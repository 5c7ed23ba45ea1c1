//! Text of the `cardiovascular_age` page.

use super::PageText;

pub const TEXT: PageText = PageText { en: &[], ja: &[] };

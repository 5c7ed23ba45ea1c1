//! Text of the `rest_mode` page.

use super::PageText;

pub const TEXT: PageText = PageText { en: &[], ja: &[] };

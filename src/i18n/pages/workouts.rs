//! Text of the `workouts` page.

use super::PageText;

pub const TEXT: PageText = PageText { en: &[], ja: &[] };

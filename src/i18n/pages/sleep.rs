//! Text of the `sleep` page (beyond the first screen's).

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[("page.sleep.untyped", "Sleep period")],
    ja: &[("page.sleep.untyped", "睡眠（種類不明）")],
};

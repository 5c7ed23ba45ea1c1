//! Text shared by the data pages (not on the first screen).

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[(
        "page.common.unreadable_many",
        "{n} records could not be read.",
    )],
    ja: &[(
        "page.common.unreadable_many",
        "{n} 件の記録は読み取れませんでした。",
    )],
};

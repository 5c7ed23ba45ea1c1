//! Text of Settings while the demo is open.

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[(
        "page.demo.import_off",
        "Importing is off in the demo: leave the demo first, so your file goes into your own data.",
    )],
    ja: &[(
        "page.demo.import_off",
        "デモ中はインポートできません。ファイルを自分のデータに取り込むため、先にデモを終了してください。",
    )],
};

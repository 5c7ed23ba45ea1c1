//! Text of Settings while the demo is open.

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[(
        "page.demo.import_off",
        "Export and import are off in the demo (an export of made-up data must never end up in your own): leave the demo first.",
    )],
    ja: &[(
        "page.demo.import_off",
        "デモ中はエクスポートとインポートができません（架空のデータが自分のデータに混ざらないようにするため）。先にデモを終了してください。",
    )],
};

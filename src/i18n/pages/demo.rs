//! Text of the demo's switch (its errors) and of Settings while the demo is open.

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[
        ("demo.error.download", "The demo could not be downloaded. Check the connection, then try again"),
        ("demo.error.damaged", "The demo data of this site is damaged. Reload the page, then try again"),
        (
        "page.demo.import_off",
        "Export and import are off in the demo (an export of made-up data must never end up in your own): leave the demo first.",
    )],
    ja: &[
        ("demo.error.download", "デモをダウンロードできませんでした。接続を確認して、もう一度お試しください"),
        ("demo.error.damaged", "このサイトのデモデータが壊れています。ページを再読み込みして、もう一度お試しください"),
        (
        "page.demo.import_off",
        "デモ中はエクスポートとインポートができません（架空のデータが自分のデータに混ざらないようにするため）。先にデモを終了してください。",
    )],
};

//! Text of Settings' "Storage on this device" card (`ui::components::storage_card`).

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[
        ("page.storage.title", "Storage on this device"),
        ("page.storage.used", "{used} of {quota} used"),
        ("page.storage.meter", "Storage used by healthHub"),
        (
            "page.storage.unknown",
            "How much storage healthHub uses is not available in this browser.",
        ),
        (
            "page.storage.persisted",
            "Protected: the browser will not clear this data to free space.",
        ),
        (
            "page.storage.not_persisted",
            "Not protected: the browser may clear this data when the device runs low on space.",
        ),
        (
            "page.storage.persist_unknown",
            "Whether the browser protects this data is not available in this browser.",
        ),
        ("page.storage.persist", "Keep my data on this device"),
        (
            "page.storage.persist_granted",
            "Done: the browser will keep your data on this device.",
        ),
        (
            "page.storage.persist_refused",
            "The browser did not allow it (browsers decide this themselves; installing healthHub as an app often helps). Your data stays here unless the device runs out of space.",
        ),
        ("page.storage.counts", "Records on this device"),
        ("page.storage.kind", "Kind of data"),
        ("page.storage.records", "Records"),
        ("page.storage.total", "Total"),
    ],
    ja: &[
        ("page.storage.title", "この端末のストレージ"),
        ("page.storage.used", "{quota} 中 {used} を使用"),
        ("page.storage.meter", "healthHub が使っているストレージ"),
        (
            "page.storage.unknown",
            "このブラウザーでは、healthHub が使っているストレージの量を確認できません。",
        ),
        (
            "page.storage.persisted",
            "保護されています：ブラウザーが空き容量を確保するためにこのデータを消すことはありません。",
        ),
        (
            "page.storage.not_persisted",
            "保護されていません：端末の空き容量が少なくなると、ブラウザーがこのデータを消すことがあります。",
        ),
        (
            "page.storage.persist_unknown",
            "このブラウザーでは、データが保護されているかを確認できません。",
        ),
        ("page.storage.persist", "この端末にデータを保持する"),
        (
            "page.storage.persist_granted",
            "完了しました：ブラウザーはこの端末にデータを保持します。",
        ),
        (
            "page.storage.persist_refused",
            "ブラウザーが許可しませんでした（判断はブラウザーが行います。healthHub をアプリとしてインストールすると許可されやすくなります）。端末の空き容量がなくならない限り、データはこの端末に残ります。",
        ),
        ("page.storage.counts", "この端末の記録の件数"),
        ("page.storage.kind", "データの種類"),
        ("page.storage.records", "件数"),
        ("page.storage.total", "合計"),
    ],
};

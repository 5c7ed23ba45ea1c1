//! Text of the `tags` page.

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[
        (
            "page.tags.deprecated",
            "Oura has deprecated these tags in favour of enhanced tags; the ones you added are still shown here.",
        ),
        ("page.tags.timeline", "Tags through the day"),
        ("page.tags.with_duration", "Tag with a duration"),
        ("page.tags.moment", "Tag at a moment"),
        ("page.tags.count", "Tags: {n}"),
        ("page.tags.trend", "Tags by day"),
    ],
    ja: &[
        (
            "page.tags.deprecated",
            "このタグは Oura により廃止され、拡張タグに置き換えられました。追加済みのタグは引き続きここに表示されます。",
        ),
        ("page.tags.timeline", "1日のタグ"),
        ("page.tags.with_duration", "時間のあるタグ"),
        ("page.tags.moment", "時刻のタグ"),
        ("page.tags.count", "タグ: {n}件"),
        ("page.tags.trend", "日ごとのタグ数"),
    ],
};

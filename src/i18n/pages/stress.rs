//! Text of the `stress` page.

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[
        ("page.stress.high", "Time in high stress"),
        ("page.stress.recovery", "Time in high recovery"),
        ("page.stress.summary", "Day summary"),
        ("page.stress.note", "Oura gives no stress score: these are the times your body spent in its high stress and high recovery zones during the day."),
        ("page.stress.trend", "High stress and high recovery by day"),
        ("page.stress.short.recovery", "Recovery"),
    ],
    ja: &[
        ("page.stress.high", "高ストレスの時間"),
        ("page.stress.recovery", "高い回復状態の時間"),
        ("page.stress.summary", "1日のまとめ"),
        ("page.stress.note", "Ouraはストレスのスコアを出しません。日中に体が高ストレスと高い回復状態にあった時間です。"),
        ("page.stress.trend", "日ごとの高ストレスと高い回復状態"),
        ("page.stress.short.recovery", "回復"),
    ],
};

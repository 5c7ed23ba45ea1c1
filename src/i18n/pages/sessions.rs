//! Text of the `sessions` page.

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[
        ("page.sessions.duration", "Duration"),
        ("page.sessions.motion", "Motion"),
        ("page.sessions.trend", "Session time by day"),
    ],
    ja: &[
        ("page.sessions.duration", "時間"),
        ("page.sessions.motion", "体動"),
        ("page.sessions.trend", "日ごとのセッション時間"),
    ],
};

//! Text of the `sessions` page.

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[
        ("page.sessions.duration", "Duration"),
        ("page.sessions.motion", "Motion"),
        ("page.sessions.trend", "Session time by day"),
    ],
    ja: &[
        ("page.sessions.duration", "所要時間"),
        ("page.sessions.motion", "体の動き"),
        ("page.sessions.trend", "日ごとのセッション時間"),
    ],
};

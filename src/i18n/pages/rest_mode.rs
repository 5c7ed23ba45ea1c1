//! Text of the `rest_mode` page.

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[
        ("page.rest_mode.started", "Started"),
        ("page.rest_mode.ended", "Ended"),
        ("page.rest_mode.length", "Length"),
        ("page.rest_mode.ongoing", "ongoing"),
        ("page.rest_mode.days", "{n} days"),
        ("page.rest_mode.episodes", "Episodes"),
        ("page.rest_mode.no_episodes", "No episodes recorded."),
        ("page.rest_mode.episode_count", "Episodes: {n}"),
        ("page.rest_mode.all", "All rest mode periods"),
        (
            "page.rest_mode.summary",
            "Days in rest mode in the last {days} days: {n}",
        ),
        ("page.rest_mode.none", "No rest mode periods."),
    ],
    ja: &[
        ("page.rest_mode.started", "開始"),
        ("page.rest_mode.ended", "終了"),
        ("page.rest_mode.length", "長さ"),
        ("page.rest_mode.ongoing", "継続中"),
        ("page.rest_mode.days", "{n} 日間"),
        ("page.rest_mode.episodes", "エピソード"),
        (
            "page.rest_mode.no_episodes",
            "記録されたエピソードはありません。",
        ),
        ("page.rest_mode.episode_count", "エピソード: {n}件"),
        ("page.rest_mode.all", "すべてのレストモード期間"),
        (
            "page.rest_mode.summary",
            "過去{days}日間のレストモード日数: {n}",
        ),
        ("page.rest_mode.none", "レストモード期間はありません。"),
    ],
};

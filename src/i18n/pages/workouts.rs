//! Text of the `workouts` page.

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[
        ("page.workouts.duration", "Duration"),
        ("page.workouts.intensity", "Intensity"),
        ("page.workouts.calories", "Calories"),
        ("page.workouts.distance", "Distance"),
        ("page.workouts.source", "Recorded by"),
        ("page.workouts.label", "Label"),
        ("page.workouts.source.manual", "Added by you"),
        (
            "page.workouts.source.autodetected",
            "Detected automatically",
        ),
        (
            "page.workouts.source.confirmed",
            "Detected, confirmed by you",
        ),
        (
            "page.workouts.source.workout_heart_rate",
            "Workout heart rate",
        ),
        (
            "page.workouts.source.live_third_party",
            "Live heart rate (other device)",
        ),
        ("page.workouts.source.live_oura", "Live heart rate (Oura)"),
        ("page.workouts.count", "Workouts: {n}"),
        ("page.workouts.trend", "Workout time by day"),
        ("page.workouts.min", "min"),
        ("page.workouts.by_week", "By week"),
        ("page.workouts.week", "Week {n} · {from} – {to}"),
        ("page.workouts.none_week", "No workouts this week."),
    ],
    ja: &[
        ("page.workouts.duration", "所要時間"),
        ("page.workouts.intensity", "強度"),
        ("page.workouts.calories", "消費カロリー"),
        ("page.workouts.distance", "距離"),
        ("page.workouts.source", "記録方法"),
        ("page.workouts.label", "ラベル"),
        ("page.workouts.source.manual", "手動で追加"),
        ("page.workouts.source.autodetected", "自動検出"),
        ("page.workouts.source.confirmed", "自動検出（確認済み）"),
        (
            "page.workouts.source.workout_heart_rate",
            "ワークアウト心拍数",
        ),
        (
            "page.workouts.source.live_third_party",
            "ライブ心拍数（他のデバイス）",
        ),
        ("page.workouts.source.live_oura", "ライブ心拍数（Oura）"),
        ("page.workouts.count", "ワークアウト: {n}件"),
        ("page.workouts.trend", "日ごとのワークアウト時間"),
        ("page.workouts.min", "分"),
        ("page.workouts.by_week", "週ごと"),
        ("page.workouts.week", "第{n}週 · {from}〜{to}"),
        (
            "page.workouts.none_week",
            "この週のワークアウトはありません。",
        ),
    ],
};

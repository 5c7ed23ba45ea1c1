//! Text of the `resilience` page.

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[
        ("page.resilience.level", "Level"),
        (
            "page.resilience.scale",
            "Resilience levels, lowest to highest",
        ),
        ("page.resilience.level.limited", "Limited"),
        ("page.resilience.level.adequate", "Adequate"),
        ("page.resilience.level.solid", "Solid"),
        ("page.resilience.level.strong", "Strong"),
        ("page.resilience.level.exceptional", "Exceptional"),
        ("page.resilience.step", "level {n} of 5"),
        (
            "page.resilience.unknown",
            "Oura sent a level this app does not know yet.",
        ),
        ("page.resilience.sleep_recovery", "Sleep recovery"),
        ("page.resilience.daytime_recovery", "Daytime recovery"),
        (
            "page.resilience.trend",
            "Resilience level by day (1 = limited, 5 = exceptional)",
        ),
    ],
    ja: &[
        ("page.resilience.level", "レベル"),
        ("page.resilience.scale", "レジリエンスのレベル（低い順）"),
        ("page.resilience.level.limited", "限定的"),
        ("page.resilience.level.adequate", "適度"),
        ("page.resilience.level.solid", "安定"),
        ("page.resilience.level.strong", "強い"),
        ("page.resilience.level.exceptional", "非常に強い"),
        ("page.resilience.step", "5段階中{n}"),
        (
            "page.resilience.unknown",
            "このアプリがまだ知らないレベルがOuraから届きました。",
        ),
        ("page.resilience.sleep_recovery", "睡眠中の回復"),
        ("page.resilience.daytime_recovery", "日中の回復"),
        (
            "page.resilience.trend",
            "日ごとのレジリエンスのレベル（1 = 限定的、5 = 非常に強い）",
        ),
    ],
};

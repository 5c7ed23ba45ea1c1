//! Text of the `spo2` page.

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[
        ("page.spo2.average", "Average blood oxygen"),
        ("page.spo2.bdi", "Breathing disturbance index"),
        ("page.spo2.bdi_note", "The breathing disturbance index (0–100) is calculated from the drops in blood oxygen detected during sleep."),
        ("page.spo2.trend", "Average blood oxygen by night"),
        ("page.spo2.short.bdi", "BDI"),
        ("page.spo2.unit", "%"),
    ],
    ja: &[
        ("page.spo2.average", "平均血中酸素"),
        ("page.spo2.bdi", "呼吸障害指数"),
        ("page.spo2.bdi_note", "呼吸障害指数（0〜100）は、睡眠中に検出された血中酸素の低下から計算されます。"),
        ("page.spo2.trend", "夜ごとの平均血中酸素"),
        ("page.spo2.short.bdi", "BDI"),
        ("page.spo2.unit", "%"),
    ],
};

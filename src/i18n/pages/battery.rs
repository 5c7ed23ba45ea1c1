//! Text of the `battery` page.

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[
        ("page.battery.level", "Battery level"),
        ("page.battery.charging", "Charging"),
        ("page.battery.not_charging", "Not charging"),
        ("page.battery.last", "Last reading"),
        ("page.battery.lowest", "Lowest level"),
        ("page.battery.charging_time", "Time charging"),
        ("page.battery.readings", "Readings"),
        ("page.battery.chart", "Battery level through the day"),
        ("page.battery.trend", "Lowest battery level by day"),
    ],
    ja: &[
        ("page.battery.level", "バッテリー残量"),
        ("page.battery.charging", "充電中"),
        ("page.battery.not_charging", "充電していない"),
        ("page.battery.last", "最新の記録"),
        ("page.battery.lowest", "最低残量"),
        ("page.battery.charging_time", "充電時間"),
        ("page.battery.readings", "記録数"),
        ("page.battery.chart", "1日のバッテリー残量"),
        ("page.battery.trend", "日ごとの最低バッテリー残量"),
    ],
};

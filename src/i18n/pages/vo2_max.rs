//! Text of the `vo2_max` page.

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[
        ("page.vo2_max.value", "Estimated VO2 max"),
        ("page.vo2_max.unit", "ml/kg/min"),
        ("page.vo2_max.at", "Estimated at"),
        ("page.vo2_max.trend", "VO2 max estimates"),
        ("page.vo2_max.note", "Oura estimates your VO2 max from time to time, not every day: most days have no new estimate."),
    ],
    ja: &[
        ("page.vo2_max.value", "VO2max"),
        ("page.vo2_max.unit", "ml/kg/分"),
        ("page.vo2_max.at", "推定した時刻"),
        ("page.vo2_max.trend", "VO2maxの推定値"),
        ("page.vo2_max.note", "OuraはVO2maxを毎日ではなく、ときどき推定します。新しい推定値のない日がほとんどです。"),
    ],
};

//! Text of the `personal_info` page (and its summary in Settings).

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[
        ("page.personal_info.profile", "Your Oura profile"),
        (
            "page.personal_info.none",
            "Your Oura profile has not been synced to this device yet.",
        ),
        ("page.personal_info.age", "Age"),
        ("page.personal_info.height", "Height"),
        ("page.personal_info.weight", "Weight"),
        ("page.personal_info.sex", "Biological sex"),
        ("page.personal_info.email", "Email"),
        ("page.personal_info.years", "{n} years"),
        ("page.personal_info.sex.male", "Male"),
        ("page.personal_info.sex.female", "Female"),
        (
            "page.personal_info.units",
            "Metric as Oura stores it, with feet, inches and pounds alongside.",
        ),
        ("page.personal_info.link", "Open personal info"),
    ],
    ja: &[
        ("page.personal_info.profile", "Ouraのプロフィール"),
        (
            "page.personal_info.none",
            "Ouraのプロフィールはまだこの端末に同期されていません。",
        ),
        ("page.personal_info.age", "年齢"),
        ("page.personal_info.height", "身長"),
        ("page.personal_info.weight", "体重"),
        ("page.personal_info.sex", "生物学的性別"),
        ("page.personal_info.email", "メールアドレス"),
        ("page.personal_info.years", "{n}歳"),
        ("page.personal_info.sex.male", "男性"),
        ("page.personal_info.sex.female", "女性"),
        (
            "page.personal_info.units",
            "Ouraに保存されているメートル法の値です。",
        ),
        ("page.personal_info.link", "個人情報を開く"),
    ],
};

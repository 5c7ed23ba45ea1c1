//! Text of the `cardiovascular_age` page.

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[
        ("page.cardiovascular_age.vascular_age", "Vascular age"),
        ("page.cardiovascular_age.years", "{n} years"),
        (
            "page.cardiovascular_age.younger",
            "{n} years younger than your age ({age})",
        ),
        (
            "page.cardiovascular_age.younger_one",
            "1 year younger than your age ({age})",
        ),
        (
            "page.cardiovascular_age.older",
            "{n} years older than your age ({age})",
        ),
        (
            "page.cardiovascular_age.older_one",
            "1 year older than your age ({age})",
        ),
        (
            "page.cardiovascular_age.same",
            "The same as your age ({age})",
        ),
        (
            "page.cardiovascular_age.no_age",
            "Your Oura profile has no age, so there is nothing to compare it with.",
        ),
        ("page.cardiovascular_age.compared", "Compared with your age"),
        ("page.cardiovascular_age.pwv", "Pulse wave velocity"),
        ("page.cardiovascular_age.unit.mps", "m/s"),
        ("page.cardiovascular_age.unit.years", "years"),
        ("page.cardiovascular_age.trend", "Vascular age by day"),
        (
            "page.cardiovascular_age.note",
            "Your age comes from your Oura profile as it is today.",
        ),
    ],
    ja: &[
        ("page.cardiovascular_age.vascular_age", "血管年齢"),
        ("page.cardiovascular_age.years", "{n}歳"),
        (
            "page.cardiovascular_age.younger",
            "実年齢（{age}歳）より{n}歳若い",
        ),
        (
            "page.cardiovascular_age.younger_one",
            "実年齢（{age}歳）より1歳若い",
        ),
        (
            "page.cardiovascular_age.older",
            "実年齢（{age}歳）より{n}歳上",
        ),
        (
            "page.cardiovascular_age.older_one",
            "実年齢（{age}歳）より1歳上",
        ),
        ("page.cardiovascular_age.same", "実年齢（{age}歳）と同じ"),
        (
            "page.cardiovascular_age.no_age",
            "Ouraのプロフィールに年齢がないため、比べられません。",
        ),
        ("page.cardiovascular_age.compared", "実年齢との比較"),
        ("page.cardiovascular_age.pwv", "脈波伝播速度"),
        ("page.cardiovascular_age.unit.mps", "m/s"),
        ("page.cardiovascular_age.unit.years", "歳"),
        ("page.cardiovascular_age.trend", "日ごとの血管年齢"),
        (
            "page.cardiovascular_age.note",
            "実年齢は現在のOuraのプロフィールの年齢です。",
        ),
    ],
};

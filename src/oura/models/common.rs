//! Shared pieces: the drift-tolerant enum macro, timestamps, sample series, the list
//! envelopes and Oura's error body.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// An Oura datetime with the offset it was sent with (local time on most documents).
pub type Timestamp = DateTime<FixedOffset>;

/// Oura's `day` (`YYYY-MM-DD`, exactly ten characters) as a date; anything else is
/// `None`. Hand-written: chrono's `%`-format parser cost the app ≈ 10 KB.
pub fn parse_day(s: &str) -> Option<chrono::NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r.clone())
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .map(|d| d.iter().fold(0, |n, c| n * 10 + u32::from(c - b'0')))
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

/// An Oura datetime (RFC 3339: `2026-11-15T23:40:00+09:00`, `2026-11-15T14:40:00.123Z`;
/// also `t`/space before the time, `z`, and `+0900`) with the offset it was sent with;
/// `None` for anything else. Hand-written: chrono's generic parser cost the app ≈ 12 KB.
pub fn parse_timestamp(s: &str) -> Option<Timestamp> {
    let b = s.as_bytes();
    let two = |i: usize| -> Option<u32> {
        match b.get(i..i + 2)? {
            [h @ b'0'..=b'9', l @ b'0'..=b'9'] => {
                Some(u32::from(h - b'0') * 10 + u32::from(l - b'0'))
            }
            _ => None,
        }
    };
    let date = parse_day(s.get(..10)?)?;
    if !matches!(b.get(10), Some(b'T' | b't' | b' '))
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return None;
    }
    let (hour, minute, mut second) = (two(11)?, two(14)?, two(17)?);
    let mut i = 19;
    let mut nanos = 0u32;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
        for (k, c) in b[start..i].iter().take(9).enumerate() {
            nanos += u32::from(c - b'0') * 10u32.pow(8 - k as u32);
        }
    }
    if second == 60 {
        // A leap second, as chrono represents it.
        second = 59;
        nanos += 1_000_000_000;
    }
    let offset_s = match &b[i..] {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let minutes_at = match rest {
                [_, _, b':', _, _] => i + 4,
                [_, _, _, _] => i + 3,
                _ => return None,
            };
            let seconds = (two(i + 1)? * 3600 + two(minutes_at)? * 60) as i32;
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    let time = chrono::NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    date.and_time(time)
        .and_local_timezone(FixedOffset::east_opt(offset_s)?)
        .single()
}

/// For `#[serde(default, deserialize_with = "present")]`: a property that may be absent
/// (`None`) but, when sent, must be a `T` (`null` is refused, as the spec says).
pub(crate) fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// Defines a string enum of the spec that never fails on a value it does not know:
/// unknown strings land in `Other(String)`, verbatim, and serialize back unchanged.
macro_rules! oura_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $($variant:ident = $text:literal),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $(
                #[doc = concat!("`", $text, "`")]
                $variant,
            )+
            /// A value this version does not know, kept verbatim.
            Other(String),
        }

        impl $name {
            /// The values the spec lists, in its order.
            pub const KNOWN: &'static [&'static str] = &[$($text),+];

            /// The value as Oura spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $text,)+
                    Self::Other(text) => text,
                }
            }

            /// Whether the value is one the spec lists.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Other(_))
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                match text {
                    $($text => Self::$variant,)+
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct EnumVisitor;
                impl ::serde::de::Visitor<'_> for EnumVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " string"))
                    }
                    fn visit_str<E: ::serde::de::Error>(self, text: &str) -> Result<$name, E> {
                        Ok($name::from(text))
                    }
                }
                deserializer.deserialize_str(EnumVisitor)
            }
        }
    };
}

/// A sample series (`PublicSample`): `items[i]` is at `timestamp + i * interval` seconds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicSample {
    /// Seconds between items.
    pub interval: f64,
    /// Values; `null` where there is no sample.
    pub items: Vec<Option<f64>>,
    /// Time of the first item.
    pub timestamp: Timestamp,
}

impl PublicSample {
    /// The items with their times (gaps skipped).
    pub fn points(&self) -> impl Iterator<Item = (Timestamp, f64)> + '_ {
        let step_ms = self.interval * 1000.0;
        self.items.iter().enumerate().filter_map(move |(i, v)| {
            let offset = chrono::Duration::milliseconds((i as f64 * step_ms).round() as i64);
            v.map(|v| (self.timestamp + offset, v))
        })
    }
}

/// The list envelope of the `Dates` and `TokenOnly` endpoints (`MultiDocumentResponse[T]`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListResponse<T> {
    pub data: Vec<T>,
    /// Token of the next page; `None` on the last page.
    #[serde(default)]
    pub next_token: Option<String>,
}

/// The envelope of [`QueryKind::DateTimes`](crate::endpoints::QueryKind) endpoints
/// (`TimeSeriesResponse[PublicHeartRateRow]`, `…[PublicRingBatteryLevelRow]`);
/// `next_token` may be absent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeSeriesResponse<T> {
    pub data: Vec<T>,
    /// Token of the next page; `None` on the last page.
    #[serde(default)]
    pub next_token: Option<String>,
}

/// Oura's error body (`{"detail": …}` on 400/404/422). `detail` is a string (404) or a
/// list of validation errors (422), kept as received.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    #[serde(default)]
    pub detail: Value,
}

/// One item of a 422 `detail` list (`ValidationError`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValidationError {
    /// Where: e.g. `["query", "start_date"]` (strings or indexes).
    pub loc: Vec<Value>,
    pub msg: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// The value that failed (since 1.41; any JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<Value>,
    /// More about the error (since 1.41; an object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ctx: Option<serde_json::Map<String, Value>>,
}

impl ErrorBody {
    /// The validation errors of a 422 body (items that do not fit are skipped).
    pub fn validation_errors(&self) -> Vec<ValidationError> {
        match &self.detail {
            Value::Array(items) => items
                .iter()
                .filter_map(|item| ValidationError::deserialize(item).ok())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A human-readable text, e.g. `Document not found.` or
    /// `query.start_date: Start date must be before end date`.
    pub fn message(&self) -> String {
        match &self.detail {
            Value::Null => "no details given".to_owned(),
            Value::String(text) => text.clone(),
            Value::Array(items) => items.iter().map(render_item).collect::<Vec<_>>().join("; "),
            other => other.to_string(),
        }
    }
}

fn render_item(item: &Value) -> String {
    match ValidationError::deserialize(item) {
        Ok(err) => {
            let loc: Vec<String> = err
                .loc
                .iter()
                .map(|part| match part {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect();
            if loc.is_empty() {
                err.msg
            } else {
                format!("{}: {}", loc.join("."), err.msg)
            }
        }
        Err(_) => match item {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        },
    }
}

#[cfg(test)]
mod day_tests {
    use super::{parse_day, parse_timestamp};
    use chrono::{DateTime, NaiveDate};

    #[test]
    fn timestamps_read_as_chrono_reads_rfc_3339() {
        for ok in [
            "2026-11-15T23:40:00+09:00",
            "2026-11-15T14:40:00Z",
            "2026-11-15T14:40:00.123Z",
            "2026-11-15T14:40:00.123456789-05:30",
            "2026-11-15T14:40:00.1+00:00",
            "2026-11-15t14:40:00z",
            "2026-11-15 14:40:00+01:00",
            "2016-12-31T23:59:60Z",
        ] {
            let want = DateTime::parse_from_rfc3339(ok).unwrap();
            let got = parse_timestamp(ok).unwrap();
            assert_eq!(got, want, "{ok}");
            assert_eq!(got.offset(), want.offset(), "{ok}");
        }
        assert_eq!(
            parse_timestamp("2026-11-15T23:40:00+0900"),
            DateTime::parse_from_rfc3339("2026-11-15T23:40:00+09:00").ok()
        );
        for bad in [
            "",
            "2026-11-15",
            "2026-11-15T23:40+09:00",
            "2026-11-15T24:00:00Z",
            "2026-11-15T23:40:00",
            "2026-11-15T23:40:00.Z",
            "2026-11-15T23:40:00+9:00",
            "2026-11-15T23:40:00+25:00",
            "2026-11-15T23:40:00Z ",
            "2026-02-30T23:40:00Z",
            "2026-11-15X23:40:00Z",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn days_are_read_strictly() {
        assert_eq!(
            parse_day("2026-11-15"),
            NaiveDate::from_ymd_opt(2026, 11, 15)
        );
        assert_eq!(
            parse_day("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        for bad in [
            "",
            "2026-11-5",
            "2026-11-155",
            "2026/11/15",
            "2026-13-01",
            "2025-02-29",
            "20a6-11-15",
            "+026-11-15",
            "2026-11-1x",
            "２０２６-11-15",
        ] {
            assert_eq!(parse_day(bad), None, "{bad:?}");
        }
    }
}

//! Percent-encoding, the one encoder of the app's URLs (API queries and the sign-in
//! URL), and the form decoding of callback parameters. Pure, tested natively.

/// Percent-encodes a query component: everything but RFC 3986 unreserved characters
/// (`A–Z a–z 0–9 - . _ ~`) becomes `%XX` (UTF-8), so `+` is `%2B` and `:` is `%3A`.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
    }
    out
}

/// `a=1&b=2`, every name and value percent-encoded.
pub fn encode_query(params: &[(&str, String)]) -> String {
    params
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Decodes a form-encoded component (`application/x-www-form-urlencoded`, as in a
/// callback's query or fragment): `+` is a space, `%XX` a byte; a `%` not followed by
/// two hex digits stays as it is; invalid UTF-8 becomes U+FFFD.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding() {
        assert_eq!(
            percent_encode("2026-11-01T00:00:00+09:00"),
            "2026-11-01T00%3A00%3A00%2B09%3A00"
        );
        assert_eq!(percent_encode("AZaz09-._~"), "AZaz09-._~");
        assert_eq!(percent_encode("é ?#"), "%C3%A9%20%3F%23");
        assert_eq!(
            encode_query(&[("a b", "1".into()), ("c", "x&y".into())]),
            "a%20b=1&c=x%26y"
        );
    }

    #[test]
    fn percent_decoding_is_form_decoding() {
        assert_eq!(percent_decode("a+b%20c%2B%3d"), "a b c+=");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%C3%A9"), "é");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
        for s in ["https://x.example/a?b=c&d", "é ~+%"] {
            assert_eq!(percent_decode(&percent_encode(s)), s);
        }
    }
}

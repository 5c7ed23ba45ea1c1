//! The OAuth access token, in a type that never prints it.

/// An Oura access token. `Debug` prints nothing of it and there is no `Display`, so it
/// cannot leak into logs, error messages or exports by accident; the only way to the
/// secret is [`AccessToken::bearer_header`], used by the HTTP client for the
/// `Authorization` header to `api_base`, and [`AccessToken::secret`] for the session
/// store.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    pub fn new(token: impl Into<String>) -> Self {
        AccessToken(token.into())
    }

    /// The value of the `Authorization` header.
    pub fn bearer_header(&self) -> String {
        format!("Bearer {}", self.0)
    }

    /// The raw token, for persisting the session only.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::AccessToken;

    #[test]
    fn debug_output_never_contains_the_token() {
        let t = AccessToken::new("s3cr3t-token-value");
        let shown = format!("{t:?} {:?} {:#?}", Some(&t), vec![t.clone()]);
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert_eq!(t.bearer_header(), "Bearer s3cr3t-token-value");
    }
}

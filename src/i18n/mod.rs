//! UI text in English and Japanese. Views never hard-code text: they call
//! [`I18n::t`] with a key from the tables in `en.rs` / `ja.rs`.
//!
//! The language is the user's choice from Settings (kept in `localStorage`), else the
//! browser's preferred language, else English.

mod en;
mod ja;
pub mod pages;

use leptos::prelude::*;

/// The UI languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// BCP 47 code, used for `<html lang>` and number/date formatting.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "ja" => Some(Lang::Ja),
            _ => None,
        }
    }

    fn table(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => en::STRINGS,
            Lang::Ja => ja_table(),
        }
    }
}

/// The Japanese table. In the release build (feature `split`) it is a separate wasm
/// module, loaded by [`ensure_loaded`] before Japanese is shown (English users never
/// fetch it); until then lookups fall back to English.
#[cfg(feature = "split")]
fn ja_table() -> &'static [(&'static str, &'static str)] {
    JA.get().copied().unwrap_or(&[])
}

#[cfg(not(feature = "split"))]
fn ja_table() -> &'static [(&'static str, &'static str)] {
    ja::STRINGS
}

#[cfg(feature = "split")]
static JA: std::sync::OnceLock<&'static [(&'static str, &'static str)]> =
    std::sync::OnceLock::new();

#[cfg(feature = "split")]
crate::split! { load_ja;
    fn load_ja() -> Result<&'static [(&'static str, &'static str)], crate::lazy::LoadFailed> {
        Ok(ja::STRINGS)
    }
}

/// Makes `lang`'s table available (fetches the Japanese module the first time in the
/// release build; at once otherwise). If it cannot be fetched the UI stays in English
/// (the next start or choice tries again).
pub async fn ensure_loaded(lang: Lang) {
    #[cfg(feature = "split")]
    if lang == Lang::Ja && JA.get().is_none() {
        if let Ok(table) = load_ja().await {
            let _ = JA.set(table);
        }
    }
    #[cfg(not(feature = "split"))]
    let _ = lang;
}

/// The language the app starts in: the saved choice, else the browser's.
pub fn initial_lang() -> Lang {
    crate::web::storage_get(STORAGE_KEY)
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_else(|| negotiate(&crate::web::browser_languages()))
}

/// Picks the UI language from the browser's preferred languages (most preferred
/// first): the first one we have wins; English when none matches.
pub fn negotiate<S: AsRef<str>>(preferred: &[S]) -> Lang {
    preferred
        .iter()
        .find_map(|l| {
            let primary = l.as_ref().split(['-', '_']).next().unwrap_or_default();
            Lang::from_code(&primary.to_ascii_lowercase())
        })
        .unwrap_or(Lang::En)
}

/// The text tables of the data pages (`pages`), both languages. In the release build
/// they live in the pages' split module, which registers them with [`register_pages`]
/// before it renders: the first load carries none of their text.
#[cfg(feature = "split")]
static PAGES: std::sync::OnceLock<&'static [pages::PageText]> = std::sync::OnceLock::new();

/// Makes the data pages' text available (called by the pages' split module).
pub fn register_pages() {
    #[cfg(feature = "split")]
    let _ = PAGES.set(pages::TABLES);
}

/// The text of "What changed" on Today, registered alone (without every page's text).
#[cfg(feature = "split")]
static CHANGED: std::sync::OnceLock<&'static pages::PageText> = std::sync::OnceLock::new();

/// Makes the text of "What changed" available (its split module calls it).
pub fn register_changes() {
    #[cfg(feature = "split")]
    let _ = CHANGED.set(&pages::CHANGED);
}

#[cfg(feature = "split")]
fn page_tables() -> &'static [pages::PageText] {
    match (PAGES.get(), CHANGED.get()) {
        (Some(all), _) => all,
        (None, Some(changed)) => std::slice::from_ref(*changed),
        (None, None) => &[],
    }
}

#[cfg(not(feature = "split"))]
fn page_tables() -> &'static [pages::PageText] {
    pages::TABLES
}

fn find(table: &'static [(&'static str, &'static str)], key: &str) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// The text of `key` in `lang`, `None` when no table has it.
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    find(lang.table(), key).or_else(|| {
        page_tables().iter().find_map(|t| {
            find(
                match lang {
                    Lang::En => t.en,
                    Lang::Ja => t.ja,
                },
                key,
            )
        })
    })
}

/// The text of `key` in `lang`, falling back to English, then to the key itself
/// (never reached: a test checks every key used exists in both tables).
pub fn text(lang: Lang, key: &str) -> String {
    lookup(lang, key)
        .or_else(|| lookup(Lang::En, key))
        .map(str::to_owned)
        .unwrap_or_else(|| key.to_owned())
}

const STORAGE_KEY: &str = "healthhub.lang";

/// The language context: `provide_context(I18n::from_browser())` once at the root,
/// `expect_context::<I18n>()` in views.
#[derive(Clone, Copy, Debug)]
pub struct I18n {
    /// The effective language.
    pub lang: RwSignal<Lang>,
    /// The user's explicit choice; `None` = follow the browser.
    pub choice: RwSignal<Option<Lang>>,
}

impl I18n {
    /// Reads the saved choice and the browser languages.
    pub fn from_browser() -> Self {
        let choice = crate::web::storage_get(STORAGE_KEY).and_then(|c| Lang::from_code(&c));
        let lang = choice.unwrap_or_else(|| negotiate(&crate::web::browser_languages()));
        crate::web::set_document_lang(lang.code());
        I18n {
            lang: RwSignal::new(lang),
            choice: RwSignal::new(choice),
        }
    }

    /// Sets (and remembers) the user's choice; `None` follows the browser again. The
    /// UI switches once the language's text is loaded (see [`ensure_loaded`]).
    pub fn choose(&self, choice: Option<Lang>) {
        crate::web::storage_set(STORAGE_KEY, choice.map(Lang::code));
        let lang = choice.unwrap_or_else(|| negotiate(&crate::web::browser_languages()));
        self.choice.set(choice);
        let this = *self;
        leptos::task::spawn_local(async move {
            ensure_loaded(lang).await;
            crate::web::set_document_lang(lang.code());
            this.lang.set(lang);
        });
    }

    /// The text of `key` in the current language (reactive when called in a view
    /// closure).
    pub fn t(&self, key: &str) -> String {
        text(self.lang.get(), key)
    }

    /// The text of `key` as a reactive view child or attribute value. Every call
    /// returns the same closure type, so all these text nodes share one instantiation
    /// of the view code (a large share of the wasm size otherwise).
    pub fn tr(self, key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || self.t(key)
    }

    /// [`I18n::tr`] for a key computed at run time.
    pub fn tr_owned(self, key: String) -> impl Fn() -> String + Clone + Send + Sync + 'static {
        move || self.t(&key)
    }
}

/// The language context of the current component tree.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| {
        let i18n = I18n::from_browser();
        provide_context(i18n);
        i18n
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::{Group, ENDPOINTS};
    use std::collections::BTreeSet;
    use std::path::Path;

    /// Every (key, text) of `lang`: the main table and the page tables.
    fn all(lang: Lang) -> Vec<(&'static str, &'static str)> {
        let mut v = lang.table().to_vec();
        for t in pages::TABLES {
            v.extend_from_slice(match lang {
                Lang::En => t.en,
                Lang::Ja => t.ja,
            });
        }
        v
    }

    fn keys(lang: Lang) -> BTreeSet<&'static str> {
        all(lang).iter().map(|(k, _)| *k).collect()
    }

    #[test]
    fn both_tables_have_the_same_keys() {
        let en = keys(Lang::En);
        let ja = keys(Lang::Ja);
        let missing_in_ja: Vec<_> = en.difference(&ja).collect();
        let missing_in_en: Vec<_> = ja.difference(&en).collect();
        assert!(
            missing_in_ja.is_empty(),
            "missing in ja.rs: {missing_in_ja:?}"
        );
        assert!(
            missing_in_en.is_empty(),
            "missing in en.rs: {missing_in_en:?}"
        );
    }

    /// Identical literals are merged across wasm modules: a page text equal to a text of
    /// `ja.rs` (its own module) would put both in a chunk fetched on the Japanese first
    /// load. (English texts are in the first-load module itself: sharing costs nothing.)
    /// The `{placeholders}` of a text.
    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(p, _)| p))
            .filter(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .collect()
    }

    /// Both languages fill the same `{placeholders}` of every text.
    #[test]
    fn both_languages_have_the_same_placeholders() {
        let ja: std::collections::BTreeMap<_, _> = all(Lang::Ja).into_iter().collect();
        for (key, en) in all(Lang::En) {
            let Some(ja) = ja.get(key) else { continue };
            assert_eq!(placeholders(en), placeholders(ja), "{key}: {en} / {ja}");
        }
    }

    #[test]
    fn japanese_page_text_repeats_no_text_of_ja_rs() {
        let ja: BTreeSet<&str> = Lang::Ja.table().iter().map(|(_, v)| *v).collect();
        for t in pages::TABLES {
            for (k, v) in t.ja {
                assert!(!ja.contains(v), "{k}: \"{v}\" is also a text of ja.rs");
            }
        }
    }

    #[test]
    fn no_key_is_defined_twice_or_empty() {
        for lang in Lang::ALL {
            let table = all(lang);
            assert_eq!(keys(lang).len(), table.len(), "duplicate key in {lang:?}");
            for (k, v) in &table {
                assert!(!v.trim().is_empty(), "{lang:?}: {k} is empty");
            }
        }
    }

    #[test]
    fn every_endpoint_and_group_has_its_text() {
        for lang in Lang::ALL {
            for e in &ENDPOINTS {
                assert!(
                    lookup(lang, &e.title_key()).is_some(),
                    "{lang:?} {}",
                    e.title_key()
                );
                assert!(
                    lookup(lang, &e.about_key()).is_some(),
                    "{lang:?} {}",
                    e.about_key()
                );
            }
            for g in Group::ALL {
                assert!(lookup(lang, g.title_key()).is_some(), "{lang:?} {:?}", g);
            }
        }
    }

    /// Every literal key passed to `t("…")` / `text(_, "…")` / `…_key => "…"` in the
    /// sources exists in both tables, so a view can never show a raw key.
    #[test]
    fn every_key_used_in_the_sources_exists() {
        let mut used = BTreeSet::new();
        collect_keys(
            Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
            &mut used,
        );
        assert!(used.len() > 20, "the scan found too few keys: {used:?}");
        for key in &used {
            for lang in Lang::ALL {
                assert!(
                    lookup(lang, key).is_some(),
                    "key \"{key}\" is missing in {lang:?}"
                );
            }
        }
    }

    fn collect_keys(dir: &Path, out: &mut BTreeSet<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "i18n") {
                    collect_keys(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                let Ok(src) = std::fs::read_to_string(&path) else {
                    continue;
                };
                for marker in [".t(\"", ".tr(\"", "text(lang, \"", "_key\", \"", "=> \""] {
                    for (i, _) in src.match_indices(marker) {
                        let rest = &src[i + marker.len()..];
                        if let Some(end) = rest.find('"') {
                            let key = &rest[..end];
                            if is_key_like(key) {
                                out.insert(key.to_owned());
                            }
                        }
                    }
                }
            }
        }
    }

    /// `group.sleep`, `config.help.url`: dotted lowercase words.
    fn is_key_like(s: &str) -> bool {
        s.contains('.')
            && !s.contains("..")
            && s.split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
    }

    #[test]
    fn browser_languages_pick_the_first_we_have() {
        assert_eq!(negotiate(&["ja-JP", "en-US"]), Lang::Ja);
        assert_eq!(negotiate(&["fr-FR", "ja"]), Lang::Ja);
        assert_eq!(negotiate(&["en-GB", "ja"]), Lang::En);
        assert_eq!(negotiate(&["de"]), Lang::En);
        assert_eq!(negotiate::<&str>(&[]), Lang::En);
    }

    #[test]
    fn text_falls_back_to_english_then_key() {
        assert_eq!(text(Lang::Ja, "nav.today"), "今日");
        assert_eq!(text(Lang::En, "nav.today"), "Today");
        assert_eq!(text(Lang::Ja, "no.such.key"), "no.such.key");
    }
}

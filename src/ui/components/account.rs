//! The signed-in state and its controls: sign in / sign in again / sign out, the
//! outcome of a sign-in, and the account facts shown in Settings.

use crate::i18n::use_i18n;
use crate::oura::auth::{self, AuthError, Session};
use crate::ui::components::ConfigState;
use leptos::prelude::*;

/// What the last sign-in attempt produced, shown once as a banner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthNotice {
    SignedIn,
    SignedOut,
    /// "Delete all local data" removed everything (and signed out).
    Deleted,
    Failed(AuthError),
}

/// The session context: the current session (survives reloads), whether Oura said
/// the token is no longer valid, and the notice of the last sign-in.
#[derive(Clone, Copy, Debug)]
pub struct SessionState {
    pub session: RwSignal<Option<Session>>,
    /// Set when the API answers 401 (revoked) even though the expiry is in the future.
    pub rejected: RwSignal<bool>,
    pub notice: RwSignal<Option<AuthNotice>>,
}

impl SessionState {
    /// From the callback handled in `main` (if any) or the stored session.
    pub fn new(callback: Option<Result<Session, AuthError>>) -> Self {
        let (session, notice) = match callback {
            Some(Ok(s)) => (Some(s), Some(AuthNotice::SignedIn)),
            Some(Err(e)) => (auth::load_session(), Some(AuthNotice::Failed(e))),
            None => (auth::load_session(), None),
        };
        SessionState {
            session: RwSignal::new(session),
            rejected: RwSignal::new(false),
            notice: RwSignal::new(notice),
        }
    }

    /// Signed in with a token that is neither expired nor rejected.
    pub fn is_active(&self) -> bool {
        !self.rejected.get()
            && self
                .session
                .with(|s| s.as_ref().is_some_and(|s| !s.is_expired(auth::now())))
    }

    /// Signed in once, but the token is expired or was rejected: "Sign in again".
    pub fn needs_sign_in_again(&self) -> bool {
        self.session.with(|s| s.is_some()) && !self.is_active()
    }

    pub fn sign_out(&self) {
        auth::forget_session();
        self.session.set(None);
        self.rejected.set(false);
        self.notice.set(Some(AuthNotice::SignedOut));
    }
}

/// The session context (a fresh one from storage outside `<App/>`, e.g. in tests).
pub fn use_session() -> SessionState {
    use_context::<SessionState>().unwrap_or_else(|| SessionState::new(None))
}

/// "Sign in with Oura" (or "Sign in again"): sends this tab to Oura's consent page.
/// Disabled, with the reason next to it, while the configuration is not usable.
#[component]
pub fn SignInButton(#[prop(optional)] again: bool) -> impl IntoView {
    let i18n = use_i18n();
    let config = use_context::<ConfigState>().unwrap_or_default();
    let session = use_session();
    let usable = move || config.0.with(|c| matches!(c, Some(Ok(_))));
    let on_click = move |_| {
        let result = config.0.with_untracked(|c| match c {
            Some(Ok(c)) => auth::begin_sign_in(c),
            Some(Err(e)) => Err(AuthError::Config(e.to_string())),
            None => Err(AuthError::Config("still loading".into())),
        });
        if let Err(e) = result {
            session.notice.set(Some(AuthNotice::Failed(e)));
        }
    };
    let label = if again {
        "auth.sign_in_again"
    } else {
        "auth.sign_in"
    };
    view! {
        <button
            type="button"
            class="button button-primary"
            on:click=on_click
            disabled=move || !usable()
        >
            {i18n.tr(label)}
        </button>
    }
}

/// The outcome of the last sign-in / sign-out, and the "sign in again" prompt when the
/// token has expired or was revoked. Data on the device is never touched by either.
#[component]
pub fn AuthBanner() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let dismiss = move |_| session.notice.set(None);
    let notice = move || {
        session.notice.get().map(|n| match n {
            AuthNotice::SignedIn => view! {
                <div class="banner banner-ok" role="status">
                    <p>{i18n.tr("auth.signed_in")}</p>
                    <button type="button" class="button-link" on:click=dismiss>
                        {i18n.tr("common.dismiss")}
                    </button>
                </div>
            }
            .into_any(),
            AuthNotice::SignedOut | AuthNotice::Deleted => view! {
                <div class="banner banner-ok" role="status">
                    <p>{i18n.tr(if matches!(n, AuthNotice::Deleted) { "data.deleted" } else { "account.signed_out_notice" })}</p>
                    <button type="button" class="button-link" on:click=dismiss>
                        {i18n.tr("common.dismiss")}
                    </button>
                </div>
            }
            .into_any(),
            AuthNotice::Failed(e) => {
                let key = e.help_key();
                view! {
                    <div class="banner banner-error" role="alert">
                        <strong>{i18n.tr("auth.error.title")}</strong>
                        <p>{i18n.tr(key)}</p>
                        <p class="banner-detail">{e.to_string()}</p>
                        <button type="button" class="button-link" on:click=dismiss>
                            {i18n.tr("common.dismiss")}
                        </button>
                    </div>
                }
                .into_any()
            }
        })
    };
    let again = move || {
        session.needs_sign_in_again().then(|| {
            view! {
                <div class="banner banner-warn" role="alert">
                    <p>{i18n.tr("auth.expired")}</p>
                    <SignInButton again=true />
                </div>
            }
        })
    };
    view! {
        {notice}
        {again}
    }
}

/// Formats milliseconds since the epoch as a local date and time in `lang`.
fn local_date_time(ms: i64, lang: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    String::from(date.to_locale_string(lang, &wasm_bindgen::JsValue::UNDEFINED))
}

/// The Oura account section of Settings.
#[component]
pub fn AccountDetails() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    move || match session.session.get() {
        None => view! {
            <p>{i18n.tr("account.signed_out")}</p>
            <SignInButton />
        }
        .into_any(),
        Some(s) => {
            let active = session.is_active();
            let expires = s
                .expires_at_ms
                .map(|ms| local_date_time(ms, i18n.lang.get().code()));
            let scopes = if s.scopes.is_empty() {
                "—".to_owned()
            } else {
                s.scopes.join(" ")
            };
            view! {
                <dl class="facts">
                    <dt>{i18n.tr("account.status")}</dt>
                    <dd>
                        {move || {
                            i18n.t(if active { "account.signed_in" } else { "account.expired" })
                        }}
                    </dd>
                    <dt>{i18n.tr("account.expires")}</dt>
                    <dd>{expires.unwrap_or_else(|| "—".to_owned())}</dd>
                    <dt>{i18n.tr("account.scopes")}</dt>
                    <dd class="scopes">{scopes}</dd>
                </dl>
                <p class="note">{i18n.tr("account.scopes_note")}</p>
                <div class="actions">
                    {(!active).then(|| view! { <SignInButton again=true /> })}
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| session.sign_out()
                    >
                        {i18n.tr("auth.sign_out")}
                    </button>
                </div>
            }
            .into_any()
        }
    }
}

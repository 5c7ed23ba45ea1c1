use crate::config::{Config, ConfigError};
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The runtime configuration as it loads: `None` while `config.json` is on its way.
#[derive(Clone, Copy, Debug)]
pub struct ConfigState(pub RwSignal<Option<Result<Config, ConfigError>>>);

impl ConfigState {
    pub fn new() -> Self {
        ConfigState(RwSignal::new(None))
    }
}

impl Default for ConfigState {
    fn default() -> Self {
        Self::new()
    }
}

/// A banner on every page when the configuration cannot be used, with the fix.
#[component]
pub fn ConfigBanner() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_context::<ConfigState>().unwrap_or_default();
    move || {
        let error = state.0.with(|c| match c {
            Some(Err(e)) => Some(e.clone()),
            _ => None,
        })?;
        Some(view! {
            <div class="banner banner-error" role="alert">
                <strong>{i18n.tr("config.problem")}</strong>
                <p class="banner-detail">{error.to_string()}</p>
                <p>{i18n.tr(error.help_key())}</p>
            </div>
        })
    }
}

/// The resolved configuration, for diagnosis in Settings.
#[component]
pub fn ConfigDetails() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_context::<ConfigState>().unwrap_or_default();
    move || match state.0.get() {
        None => view! { <p>{i18n.tr("config.loading")}</p> }.into_any(),
        Some(Err(e)) => view! {
            <p class="config-error">{e.to_string()}</p>
            <p>{i18n.tr(e.help_key())}</p>
        }
        .into_any(),
        Some(Ok(c)) => view! {
            <dl class="facts">
                <dt>{i18n.tr("config.client_id")}</dt>
                <dd>{c.client_id.clone()}</dd>
                <dt>{i18n.tr("config.idp")}</dt>
                <dd>{c.idp.name()}</dd>
                <dt>{i18n.tr("config.api_base")}</dt>
                <dd>{c.api_base.clone()}</dd>
                <dt>{i18n.tr("config.redirect_uri")}</dt>
                <dd>{c.redirect_uri.clone()}</dd>
                <dt>{i18n.tr("config.scopes")}</dt>
                <dd>{c.scopes.join(" ")}</dd>
            </dl>
        }
        .into_any(),
    }
}

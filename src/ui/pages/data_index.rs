use super::set_title;
use crate::endpoints::{in_group, Group};
use crate::i18n::use_i18n;
use crate::ui::endpoint_route;
use crate::ui::router::Link;
use leptos::prelude::*;

/// Every endpoint page, grouped by topic (the phone's way to reach all 18).
#[component]
pub fn DataIndexPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(&i18n.t("page.data.title")));
    let groups = Group::ALL
        .into_iter()
        .map(|g| {
            let items = in_group(g)
                .map(|e| {
                    let title = e.title_key();
                    let about = e.about_key();
                    view! {
                        <li>
                            <Link to=endpoint_route(e) class="card-link">
                                <span class="card-link-title">{i18n.tr_owned(title)}</span>
                                <span class="card-link-about">{i18n.tr_owned(about)}</span>
                            </Link>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="data-group">
                    <h2>{i18n.tr(g.title_key())}</h2>
                    <ul class="card-list">{items}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <h1>{i18n.tr("page.data.title")}</h1>
        <p class="lead">{i18n.tr("page.data.intro")}</p>
        {groups}
    }
}

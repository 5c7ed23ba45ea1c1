//! Oura's errors as the sync reports them (an endpoint's status, a sync's outcome): shown
//! only once a sync ran, whose module registers the page tables, or on data pages.

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[
        ("client.error.bad_request", "Oura rejected a request. This is likely a healthHub bug; the next sync retries it."),
        ("client.error.unauthorized", "Your Oura sign-in has expired or was revoked. Sign in again; your data on this device is kept."),
        ("client.error.forbidden", "Not available for this Oura account (the permission was not granted, or it needs an Oura membership)."),
        ("client.error.not_found", "Oura has no such data."),
        ("client.error.upgrade_required", "Oura says this version of healthHub is too old. Reload the app to update it."),
        ("client.error.rate_limited", "Oura is limiting how fast data can be requested. The sync will continue later by itself."),
        ("client.error.server", "Oura's service is having trouble. Everything already synced is kept; try again later."),
        ("client.error.unexpected_status", "Oura gave an unexpected answer. Everything already synced is kept; try again later."),
        ("client.error.network", "Oura could not be reached. Check your connection; everything already synced is kept."),
        ("client.error.offline", "You are offline. Your data is still here; the sync continues when you are back online."),
        ("client.error.timeout", "Oura took too long to answer. Everything already synced is kept; try again later."),
        ("client.error.invalid_body", "Oura's answer arrived damaged. Everything already synced is kept; the next sync fetches it again."),
        ("client.error.repeated_token", "Oura sent the same page twice, so paging stopped to avoid a loop. The next sync tries again."),
        ("client.error.cors", "The browser blocked the request to Oura (CORS). Serve the API through a same-origin path (api_base like /oura-api): see the README section Deploy."),
        ("client.error.invalid_window", "healthHub asked for an impossible date range (a bug). Please report it."),
    ],
    ja: &[
        ("client.error.bad_request", "Oura がリクエストを拒否しました。healthHub の不具合の可能性があります。次回の同期で再試行します。"),
        ("client.error.unauthorized", "Oura のサインインの有効期限が切れたか、取り消されました。もう一度サインインしてください。この端末のデータは残ります。"),
        ("client.error.forbidden", "この Oura アカウントでは利用できません（許可されていないか、Oura メンバーシップが必要です）。"),
        ("client.error.not_found", "Oura にそのデータはありません。"),
        ("client.error.upgrade_required", "この healthHub のバージョンは古すぎると Oura が応答しました。アプリを再読み込みして更新してください。"),
        ("client.error.rate_limited", "Oura がリクエストの頻度を制限しています。同期はあとで自動的に続きます。"),
        ("client.error.server", "Oura のサービスに問題が発生しています。同期済みのデータは残ります。しばらくしてからお試しください。"),
        ("client.error.unexpected_status", "Oura から予期しない応答がありました。同期済みのデータは残ります。しばらくしてからお試しください。"),
        ("client.error.network", "Oura に接続できませんでした。接続を確認してください。同期済みのデータは残ります。"),
        ("client.error.offline", "オフラインです。データはこの端末にあります。オンラインに戻ると同期が続きます。"),
        ("client.error.timeout", "Oura の応答に時間がかかりすぎました。同期済みのデータは残ります。しばらくしてからお試しください。"),
        ("client.error.invalid_body", "Oura の応答が壊れていました。同期済みのデータは残ります。次回の同期で取り直します。"),
        ("client.error.repeated_token", "Oura が同じページを 2 回送ってきたため、ループを避けて取得を止めました。次回の同期で再試行します。"),
        ("client.error.cors", "ブラウザーが Oura へのリクエストをブロックしました（CORS）。API を同一オリジンのパス（api_base を /oura-api など）で配信してください。README の「Deploy」を参照。"),
        ("client.error.invalid_window", "healthHub が不正な期間を要求しました（不具合）。報告してください。"),
    ],
};

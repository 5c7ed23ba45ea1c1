//! "Download CSV" (Settings and the foot of every endpoint page; DESIGN §5: the buttons
//! say "Download CSV", never "Export …").

use super::PageText;

pub const TEXT: PageText = PageText {
    en: &[
        ("csv.download", "Download CSV"),
        ("csv.endpoint", "Data to download as CSV"),
        ("csv.saved", "Saved {file} ({n} rows)."),
        ("csv.note", "A CSV file opens in any spreadsheet: one row per record (heart rate: one row per sample), nested values in columns such as contributors.deep_sleep."),
        ("csv.error.data", "A record stored on this device could not be read, so no CSV file was made."),
        ("csv.error.download", "The CSV file could not be downloaded. Try again."),
    ],
    ja: &[
        ("csv.download", "CSV をダウンロード"),
        ("csv.endpoint", "CSV でダウンロードするデータ"),
        ("csv.saved", "{file}（{n} 行）を保存しました。"),
        ("csv.note", "CSV ファイルは表計算アプリで開けます。1 件の記録が 1 行（心拍数は 1 回の測定が 1 行）で、入れ子の値は contributors.deep_sleep のような列になります。"),
        ("csv.error.data", "この端末に保存された記録を読み取れなかったため、CSV ファイルを作成できませんでした。"),
        ("csv.error.download", "CSV ファイルをダウンロードできませんでした。もう一度お試しください。"),
    ],
};

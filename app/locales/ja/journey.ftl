# Kyra applicant journey — 日本語. Same messages as en/journey.ftl.

page-title = 本人確認
loading = 読み込み中…

language-label = 言語
language-change = 言語を変更

not-found-title = ページが見つかりません
not-found-body = このアドレスにはページがありません。受け取ったリンクをご確認ください。

link-invalid-title = このリンクは無効です
link-invalid-body = 確認用リンクが不完全か、すでに無効になっています。リンクを送ったサービスに新しいリンクを依頼してください。
link-expired-title = このリンクは有効期限が切れています
link-expired-body = セキュリティのため、確認用リンクの有効期間は限られています。リンクを送ったサービスに新しいリンクを依頼してください。
link-finished-title = この本人確認は終了しています
link-finished-body = ここで行う操作はもうありません。このページを閉じてかまいません。
unavailable-title = 本人確認を読み込めませんでした
unavailable-body = こちら側で問題が発生しました。1分ほどしてからもう一度お試しください。

welcome-title = 本人確認を行ってください
welcome-intro = { $tenant } から本人確認の依頼が届いています。所要時間は約 { $minutes } 分です。
welcome-needs = 必要なもの：
need-document = 本人確認書類：パスポート、身分証明書、運転免許証、または在留カード
need-selfie = セルフィーを撮影するためのカメラ付き端末
consent-heading = 同意事項
consent-agree = 上記の個人データの取り扱いを読み、同意します。
consent-continue = 次へ
consent-failed = 回答を保存できませんでした。もう一度お試しください。

consent-builtin-2026-11-01 = 本人確認のため、お客様の本人確認書類と顔の写真、およびそれらに含まれる個人データを処理します。これらを互いに照合し、制裁リストおよび重要な公的地位にある者（PEP）のリストと照合します。お客様のデータはこの本人確認のためにのみ処理され、暗号化して保管され、お客様をこちらに案内したサービスの保存期間が終了した時点で削除されます。

document-title = 書類を選択してください
document-intro = ありがとうございます。次に、撮影する本人確認書類を選択してください。
document-type-label = 書類の種類
document-country-label = 発行国
document-country-placeholder = 国を選択してください
document-sides-one = 写真のあるページをアップロードします。
document-sides-two = 表面と裏面をアップロードします。
doc-passport = パスポート
doc-national-id = 国民身分証明書
doc-drivers-license = 運転免許証
doc-residence-permit = 在留許可証
side-photo-page = 写真のページ
side-front = 表面
side-back = 裏面
action-failed = 問題が発生しました。もう一度お試しください。
upload-title = 書類をアップロード
upload-hint = 書類全体が写った鮮明な写真またはスキャン：JPEG、PNG、WebP、HEIC、PDF（{ $megabytes } MB まで）。
upload-choose = ファイルを選択
upload-drop = またはここにドラッグ＆ドロップ
upload-preview = 選択したファイルのプレビュー
upload-choose-another = 別のファイルを選ぶ
upload-send = アップロード
upload-sending = アップロード中…
upload-wrong-type = このファイルは写真でも PDF でもありません。JPEG、PNG、WebP、HEIC の写真か PDF を選んでください。
upload-too-large = このファイルは大きすぎます。{ $megabytes } MB 以下のファイルを選んでください。
upload-damaged = このファイルは破損しているか不完全です。別のファイルを選んでください。
upload-failed = アップロードできませんでした。もう一度お試しください。

# Live camera, selfie and liveness.
camera-open = カメラで撮影する
camera-hint-document = 書類を枠の中に平らに置き、全体が見え、反射がないようにしてください。
camera-view = カメラの映像
camera-starting = カメラを起動しています…
camera-capture = 撮影する
camera-retake = 撮り直す
camera-use = この写真を使う
camera-upload-instead = 代わりにファイルをアップロード
camera-too-small = この画像は小さすぎて読み取れません。800 × 600 ピクセル以上の写真を使ってください。
camera-retry = うまくいきませんでした。もう一度お試しください。
camera-try-again = もう一度試す
camera-problem-title = カメラを使用できません
camera-denied = このページにはカメラの使用が許可されていません。
camera-not-found = このデバイスにカメラが見つかりません。
camera-in-use = カメラは別のアプリで使用中です。
camera-insecure = カメラは安全なページ（https）でのみ動作します。
camera-webview = このアプリの内蔵ブラウザではカメラを使用できません。
camera-failed = カメラを起動できませんでした。
camera-fix-ios = iPhone または iPad の場合：設定 › Safari › カメラ を開いて「許可」を選び、このページを再読み込みしてください。
camera-fix-android = Android の Chrome の場合：アドレスの左のアイコンをタップし、「権限」を開いてカメラを許可し、このページを再読み込みしてください。
camera-fix-chrome = Chrome の場合：アドレスバーのカメラアイコンをクリックし、常に許可を選んで、このページを再読み込みしてください。
camera-fix-firefox = Firefox の場合：アドレスバーのカメラアイコンをクリックしてブロックを解除し、このページを再読み込みしてください。
camera-fix-safari = Safari の場合：Safari › この Web サイトの設定 を開き、カメラを「許可」にして、このページを再読み込みしてください。
camera-fix-other = ブラウザの設定でこのサイトにカメラの使用を許可し、このページを再読み込みしてください。
camera-fix-not-found = カメラを接続するか、スマートフォンで続けてください。
camera-fix-in-use = カメラを使っているほかのアプリやタブを閉じて、もう一度お試しください。
camera-fix-insecure = 受け取ったリンクを https:// から始まるそのままの形で開いてください。
camera-fix-webview = このリンクをスマートフォンのブラウザ（Safari または Chrome）で開くか、別のデバイスで続けてください。
selfie-title = セルフィーを撮影
selfie-intro = 顔を楕円の中に入れてカメラを見てください。顔が隠れず、明るく写るようにしてください。
selfie-take = セルフィーを撮る
liveness-turn-left = ゆっくり頭を左に向けてください
liveness-turn-right = ゆっくり頭を右に向けてください
liveness-move-closer = ゆっくりカメラに近づいてください
liveness-look-up = ゆっくり上を見てください
liveness-recording = 録画中…
review-selfie = あなたのセルフィー
review-selfie-done = 撮影済み（生体確認つき）

review-title = 確認して送信
review-intro = 確認のために送信する内容：
review-uploaded = アップロード済み
review-change = 別の書類を選ぶ
review-submit = 確認のために送信
processing-title = 情報を確認しています
processing-intro = 通常 1 分もかかりません。このページを開いたままにしてください。
check-document = 本人確認書類
check-sanctions = 制裁リスト
check-pep = 重要な公的地位にある者
check-duplicates = 重複申請の確認
check-face = 顔の確認
check-other = その他の確認
check-waiting = 待機中
check-running = 確認中
check-done = 完了
outcome-approved-title = 本人確認が完了しました
outcome-approved-body = ありがとうございます。本人確認ができました。
outcome-retry-title = もう一度やり直しましょう
outcome-retry-body = 今回は書類を確認できませんでした：
outcome-retry-button = もう一度試す
outcome-final-title = 本人確認ができませんでした
outcome-final-body = この本人確認は完了できません。こちらに案内したサービスにお問い合わせください。
outcome-review-title = 追ってご連絡します
outcome-review-body = 情報の確認にもう少しお時間をいただきます。まもなくご連絡しますので、このページは閉じてかまいません。
outcome-continue = 続ける

reason-IMAGE_BLURRY = 書類の写真がぼやけています。カメラを固定し、ピントが合ってから撮影してください。
reason-GLARE = 光の反射が強すぎます。カードを光源から傾け、フラッシュをオフにしてください。
reason-TOO_DARK = 写真が暗すぎます。明るい場所に移動して、もう一度お試しください。
reason-LOW_RESOLUTION = 写真が小さすぎて読み取れません。書類が枠いっぱいに写るように近づくか、より鮮明な画像をアップロードしてください。
reason-DOCUMENT_NOT_FOUND = 写真の中に書類が見つかりませんでした。無地の平らな場所に置き、四隅すべてが枠内に入るようにしてください。
reason-UNSUPPORTED_FILE = このファイルは開けません。写真（JPEG、PNG、WebP、HEIC）または PDF をアップロードしてください。
reason-MRZ_NOT_FOUND = 書類の下部にある英字と記号（<）の行が見つかりませんでした。写真に写っていて、隠れていないことを確認してください。
reason-MRZ_UNREADABLE = 書類の下部にある英字と記号（<）の行が読み取りにくくなっています。明るく反射のない場所で撮り直してください。
reason-MRZ_CHECKSUM = 書類の記載内容を自動で確認できませんでした。担当チームが確認し、ご連絡します。
reason-DOCUMENT_EXPIRED = 書類の有効期限が切れています。有効期限内の本人確認書類をご利用ください。
reason-UNSUPPORTED_DOCUMENT = この種類の書類または発行国はご利用いただけません。別の本人確認書類をご利用ください。
reason-DATA_MISMATCH = 書類の記載内容が、当社に提供された情報と一致しません。担当チームが確認し、ご連絡します。
reason-UNDERAGE = このサービスの年齢要件を満たしていません。こちらに案内したサービスにお問い合わせください。
reason-NO_FACE_FOUND = お顔がはっきり確認できませんでした。明るい場所でカメラに顔を向け、顔を隠すものを外してください。
reason-BAD_FACE_MATCHING = セルフィーと書類の写真が一致することを確認できませんでした。担当チームが確認し、ご連絡します。
reason-LIVENESS_FAILED = ライブチェックが完了しませんでした。明るい場所で画面の指示に従い、顔を枠内に保ってください。
reason-SANCTIONS_MATCH = いくつか追加で確認が必要な点があります。担当チームからご連絡します。
reason-PEP_MATCH = いくつか追加で確認が必要な点があります。担当チームからご連絡します。
reason-DUPLICATE_APPLICANT = いくつか追加で確認が必要な点があります。担当チームからご連絡します。
reason-CHECK_ERROR = いくつか追加で確認が必要な点があります。担当チームからご連絡します。
reason-DOCUMENT_MISSING = 本人確認書類の写真が届いていません。写真を追加して、もう一度お試しください。
reason-SANCTIONS_POSSIBLE_MATCH = いくつか追加で確認が必要な点があります。担当チームからご連絡します。
reason-PEP_POSSIBLE_MATCH = いくつか追加で確認が必要な点があります。担当チームからご連絡します。

## Continue on your phone (QR handoff): the offer on the capture step, and the page of a
## handoff link that was already used or has expired.

handoff-title = スマートフォンで続ける
handoff-intro = ここにカメラがない、またはスマートフォンのカメラの方が良いですか？スマートフォンで続けてください。このページも連動します。
handoff-show = スマートフォン用のコードを表示
handoff-qr-alt = QRコード：スマートフォンのカメラで読み取ると、この本人確認をそちらで続けられます
handoff-once = このコードは1回だけ、数分間のみ有効です。他の人と共有しないでください。
handoff-waiting = スマートフォンを待っています…
handoff-opened = スマートフォンでリンクが開かれました。そちらで続けてください。完了するとこのページも進みます。
handoff-new-code = 新しいコードを表示
handoff-used-title = このリンクはすでに使用されています
handoff-used-body = 別の端末で続けるためのリンクは1回しか使えません。元の画面に戻り、新しいコードを表示してください。
handoff-expired-title = このリンクの有効期限が切れています
handoff-expired-body = 別の端末で続けるためのリンクは数分間しか使えません。元の画面に戻り、新しいコードを表示してください。

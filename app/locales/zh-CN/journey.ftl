# Kyra applicant journey — 简体中文. Same messages as en/journey.ftl.

page-title = 身份验证
loading = 正在加载…

language-label = 语言
language-change = 切换语言

not-found-title = 页面不存在
not-found-body = 此地址无法打开任何页面。请检查您收到的链接。

link-invalid-title = 此链接无效
link-invalid-body = 验证链接不完整或已失效。请向发送此链接的服务方索取新链接。
link-expired-title = 此链接已过期
link-expired-body = 为了您的安全，验证链接仅在有限时间内有效。请向发送此链接的服务方索取新链接。
link-finished-title = 此验证已结束
link-finished-body = 此处无需再进行任何操作。您可以关闭此页面。
unavailable-title = 无法加载您的验证
unavailable-body = 我们这边出现了问题。请一分钟后重试。

welcome-title = 验证您的身份
welcome-intro = { $tenant } 请您确认身份。整个过程大约需要 { $minutes } 分钟。
welcome-needs = 您需要准备：
need-document = 一份身份证件：护照、身份证、驾驶证或居留许可
need-selfie = 一台带摄像头的设备，用于自拍
consent-heading = 您的同意
consent-agree = 我已阅读并同意上述对我个人数据的处理。
consent-continue = 继续
consent-failed = 无法保存您的回答。请重试。

consent-builtin-2026-11-01 = 为验证您的身份，我们会处理您的身份证件照片和面部照片，以及其中包含的个人数据。我们会将这些照片相互比对，并与制裁名单和政治公众人物名单进行核查。您的数据仅用于本次验证，以加密方式存储，并在将您引导至此的服务方的保存期限届满时删除。

document-title = 选择您的证件
document-intro = 谢谢。接下来，请选择您要拍摄的身份证件。
document-type-label = 证件类型
document-country-label = 签发国家或地区
document-country-placeholder = 选择国家或地区
document-sides-one = 您将上传带照片的页面。
document-sides-two = 您将上传正面和背面。
doc-passport = 护照
doc-national-id = 身份证
doc-drivers-license = 驾驶证
doc-residence-permit = 居留许可
side-photo-page = 照片页
side-front = 正面
side-back = 背面
action-failed = 出了点问题，请重试。
upload-title = 上传您的证件
upload-hint = 整个证件的清晰照片或扫描件：JPEG、PNG、WebP、HEIC 或 PDF，不超过 { $megabytes } MB。
upload-choose = 选择文件
upload-drop = 或将文件拖放到此处
upload-preview = 所选文件的预览
upload-choose-another = 另选一个
upload-send = 上传
upload-sending = 正在上传…
upload-wrong-type = 此文件不是照片或 PDF。请选择 JPEG、PNG、WebP 或 HEIC 照片，或 PDF 文件。
upload-too-large = 此文件太大。请选择不超过 { $megabytes } MB 的文件。
upload-damaged = 此文件已损坏或不完整。请另选一个。
upload-failed = 上传失败，请重试。

# Live camera, selfie and liveness.
camera-open = 用相机拍照
camera-hint-document = 将证件平放在框内，完整可见且没有反光。
camera-view = 相机画面
camera-starting = 正在启动相机…
camera-capture = 拍照
camera-retake = 重拍
camera-use = 使用这张照片
camera-upload-instead = 改为上传文件
camera-too-small = 这张图片太小，无法识别。请使用至少 800 × 600 像素的照片。
camera-retry = 没有成功，请重试。
camera-try-again = 重试
camera-problem-title = 无法使用相机
camera-denied = 此页面未获准使用相机。
camera-not-found = 此设备上未找到相机。
camera-in-use = 相机正被另一个应用使用。
camera-insecure = 相机只能在安全页面（https）上使用。
camera-webview = 此应用的内置浏览器无法使用相机。
camera-failed = 无法启动相机。
camera-fix-ios = 在 iPhone 或 iPad 上：打开 设置 › Safari › 相机，选择“允许”，然后重新加载此页面。
camera-fix-android = 在 Android 版 Chrome 中：点按地址左侧的图标，打开“权限”，允许使用相机，然后重新加载此页面。
camera-fix-chrome = 在 Chrome 中：点击地址栏中的相机图标，选择始终允许，然后重新加载此页面。
camera-fix-firefox = 在 Firefox 中：点击地址栏中的相机图标，解除阻止，然后重新加载此页面。
camera-fix-safari = 在 Safari 中：打开 Safari › 此网站的设置，将相机设为“允许”，然后重新加载此页面。
camera-fix-other = 在浏览器设置中允许此网站使用相机，然后重新加载此页面。
camera-fix-not-found = 请连接相机，或在手机上继续。
camera-fix-in-use = 关闭正在使用相机的其他应用或标签页，然后重试。
camera-fix-insecure = 请按收到时的原样打开链接，以 https:// 开头。
camera-fix-webview = 请在手机浏览器（Safari 或 Chrome）中打开此链接，或在其他设备上继续。
selfie-title = 拍一张自拍
selfie-intro = 将脸放在椭圆框内并看向相机。脸部不要遮挡，光线要充足。
selfie-take = 自拍
liveness-turn-left = 请慢慢把头转向左边
liveness-turn-right = 请慢慢把头转向右边
liveness-move-closer = 请慢慢靠近相机
liveness-look-up = 请慢慢向上看
liveness-recording = 正在录制…
review-selfie = 您的自拍
review-selfie-done = 已拍摄，并完成活体检测

review-title = 检查并提交
review-intro = 以下内容将提交审核：
review-uploaded = 已上传
review-change = 选择其他证件
review-submit = 提交审核
processing-title = 正在核对您的信息
processing-intro = 通常不到一分钟。请保持此页面打开。
check-document = 身份证件
check-sanctions = 制裁名单
check-pep = 政治公众人物
check-duplicates = 重复申请检查
check-face = 人脸检查
check-other = 其他检查
check-waiting = 等待中
check-running = 进行中
check-done = 已完成
outcome-approved-title = 您的身份已验证
outcome-approved-body = 谢谢。您的身份已确认。
outcome-retry-title = 我们再试一次
outcome-retry-body = 这次我们无法验证您的证件：
outcome-retry-button = 重试
outcome-final-title = 我们无法验证您的身份
outcome-final-body = 此验证无法完成。请联系将您引导至此的服务方。
outcome-review-title = 我们会与您联系
outcome-review-body = 我们需要多一点时间来核对您的信息。您很快会收到我们的消息；现在可以关闭此页面。
outcome-continue = 继续

reason-IMAGE_BLURRY = 证件照片模糊——请保持相机稳定，等对焦完成后再拍照。
reason-GLARE = 反光太强——请将证件倾斜、避开光源，并关闭闪光灯。
reason-TOO_DARK = 照片太暗——请移到更明亮的地方后重试。
reason-LOW_RESOLUTION = 照片太小，无法识读——请靠近一些，让证件填满取景框，或上传更清晰的图片。
reason-DOCUMENT_NOT_FOUND = 照片中未找到您的证件——请将证件放在纯色平面上，并让四个角都在取景框内。
reason-UNSUPPORTED_FILE = 无法打开此文件——请上传照片（JPEG、PNG、WebP 或 HEIC）或 PDF 文件。
reason-MRZ_NOT_FOUND = 未找到证件底部由字母和箭头组成的几行字符——请确保它们在照片中且未被遮挡。
reason-MRZ_UNREADABLE = 证件底部由字母和箭头组成的几行字符难以识读——请在光线充足、无反光的环境下重新拍照。
reason-MRZ_CHECKSUM = 我们无法自动确认您证件上的信息。我们的团队将进行核查并与您联系。
reason-DOCUMENT_EXPIRED = 您的证件已过期——请使用仍在有效期内的身份证件。
reason-UNSUPPORTED_DOCUMENT = 此处不接受该类型的证件或该签发国家——请使用其他身份证件。
reason-DATA_MISMATCH = 您证件上的信息与我们收到的信息不一致。我们的团队将进行核查并与您联系。
reason-UNDERAGE = 您未达到此服务的最低年龄要求。请联系将您引导至此的服务方。
reason-NO_FACE_FOUND = 无法看清您的面部——请在光线充足处正对摄像头，不要遮挡面部。
reason-BAD_FACE_MATCHING = 我们无法确认您的自拍与证件照片是否一致。我们的团队将进行核查并与您联系。
reason-LIVENESS_FAILED = 活体检测未通过——请在光线充足处按照屏幕上的提示操作，并让面部保持在框内。
reason-SANCTIONS_MATCH = 我们还需要核实一些信息。我们的团队将与您联系。
reason-PEP_MATCH = 我们还需要核实一些信息。我们的团队将与您联系。
reason-DUPLICATE_APPLICANT = 我们还需要核实一些信息。我们的团队将与您联系。
reason-CHECK_ERROR = 我们还需要核实一些信息。我们的团队将与您联系。
reason-DOCUMENT_MISSING = 我们没有收到您的身份证件照片，请添加一张后重试。
reason-SANCTIONS_POSSIBLE_MATCH = 我们还需要核实一些信息。我们的团队将与您联系。
reason-PEP_POSSIBLE_MATCH = 我们还需要核实一些信息。我们的团队将与您联系。

## Continue on your phone (QR handoff): the offer on the capture step, and the page of a
## handoff link that was already used or has expired.

handoff-title = 在手机上继续
handoff-intro = 这里没有摄像头，或者手机的摄像头更好？请在手机上继续，此页面会同步进度。
handoff-show = 显示手机用的二维码
handoff-qr-alt = 二维码：用手机相机扫描，即可在手机上继续本次验证
handoff-once = 此二维码只能使用一次，且仅在几分钟内有效。请勿分享。
handoff-waiting = 正在等待您的手机…
handoff-opened = 您的手机已打开链接。请在手机上继续；完成后此页面会自动前进。
handoff-new-code = 显示新的二维码
handoff-used-title = 此链接已被使用
handoff-used-body = 在其他设备上继续的链接只能使用一次。请返回另一块屏幕，显示新的二维码。
handoff-expired-title = 此链接已过期
handoff-expired-body = 在其他设备上继续的链接仅在几分钟内有效。请返回另一块屏幕，显示新的二维码。

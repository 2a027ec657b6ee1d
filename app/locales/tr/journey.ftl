# Kyra applicant journey — Türkçe. Same messages as en/journey.ftl.

page-title = Kimlik doğrulama
loading = Yükleniyor…

language-label = Dil
language-change = Dili değiştir

not-found-title = Sayfa bulunamadı
not-found-body = Bu adres hiçbir yere çıkmıyor. Lütfen size gönderilen bağlantıyı kontrol edin.

link-invalid-title = Bu bağlantı geçerli değil
link-invalid-body = Doğrulama bağlantısı eksik veya artık geçerli değil. Lütfen bağlantıyı gönderen hizmetten yenisini isteyin.
link-expired-title = Bu bağlantının süresi doldu
link-expired-body = Güvenliğiniz için doğrulama bağlantıları yalnızca sınırlı bir süre geçerlidir. Lütfen bağlantıyı gönderen hizmetten yeni bir bağlantı isteyin.
link-finished-title = Bu doğrulama tamamlandı
link-finished-body = Burada yapılacak başka bir şey yok. Bu sayfayı kapatabilirsiniz.
unavailable-title = Doğrulamanızı yükleyemedik
unavailable-body = Bizim tarafımızda bir sorun oluştu. Lütfen bir dakika sonra tekrar deneyin.

welcome-title = Kimliğinizi doğrulayın
welcome-intro = { $tenant } kimliğinizi doğrulamanızı istiyor. Bu işlem yaklaşık { $minutes ->
        [one] bir dakika
       *[other] { $minutes } dakika
    } sürer.
welcome-needs = İhtiyacınız olanlar:
need-document = bir kimlik belgesi: pasaport, kimlik kartı, sürücü belgesi veya oturma izni
need-selfie = selfie çekmek için kameralı bir cihaz
consent-heading = Onayınız
consent-agree = Yukarıda açıklanan şekilde verilerimin işlenmesini okudum ve kabul ediyorum.
consent-continue = Devam
consent-failed = Yanıtınızı kaydedemedik. Lütfen tekrar deneyin.

consent-builtin-2026-11-01 = Kimliğinizi doğrulamak için kimlik belgenizin ve yüzünüzün fotoğraflarını ve bunların içerdiği kişisel verileri işliyoruz. Bunları birbiriyle karşılaştırıyor, yaptırım listeleri ve siyasi nüfuz sahibi kişiler listeleriyle kontrol ediyoruz. Verileriniz yalnızca bu doğrulama için işlenir, şifrelenmiş olarak saklanır ve sizi buraya yönlendiren hizmetin saklama süresi sona erdiğinde silinir.

document-title = Belgenizi seçin
document-intro = Teşekkürler. Şimdi fotoğrafını çekeceğiniz kimlik belgesini seçin.
document-type-label = Belge türü
document-country-label = Veren ülke
document-country-placeholder = Bir ülke seçin
document-sides-one = Fotoğraflı sayfayı yükleyeceksiniz.
document-sides-two = Ön ve arka yüzü yükleyeceksiniz.
doc-passport = Pasaport
doc-national-id = Kimlik kartı
doc-drivers-license = Sürücü belgesi
doc-residence-permit = Oturma izni
side-photo-page = Fotoğraflı sayfa
side-front = Ön yüz
side-back = Arka yüz
action-failed = Bir sorun oluştu. Lütfen tekrar deneyin.
upload-title = Belgenizi yükleyin
upload-hint = Belgenin tamamının net bir fotoğrafı veya taraması: JPEG, PNG, WebP, HEIC ya da PDF, en fazla { $megabytes } MB.
upload-choose = Dosya seçin
upload-drop = ya da buraya sürükleyip bırakın
upload-preview = Seçilen dosyanın önizlemesi
upload-choose-another = Başka birini seçin
upload-send = Yükle
upload-sending = Yükleniyor…
upload-wrong-type = Bu dosya bir fotoğraf ya da PDF değil. Lütfen JPEG, PNG, WebP veya HEIC bir fotoğraf ya da bir PDF seçin.
upload-too-large = Bu dosya çok büyük. Lütfen en fazla { $megabytes } MB boyutunda bir dosya seçin.
upload-damaged = Bu dosya bozuk veya eksik. Lütfen başka bir dosya seçin.
upload-failed = Yükleme başarısız oldu. Lütfen tekrar deneyin.

# Live camera, selfie and liveness.
camera-open = Kamerayla fotoğraf çek
camera-hint-document = Belgeyi çerçevenin içine düz, tamamen görünür ve parlama olmadan yerleştirin.
camera-view = Kamera görüntüsü
camera-starting = Kamera başlatılıyor…
camera-capture = Fotoğraf çek
camera-retake = Yeniden çek
camera-use = Bu fotoğrafı kullan
camera-upload-instead = Bunun yerine dosya yükle
camera-too-small = Bu resim okunamayacak kadar küçük. Lütfen en az 800 × 600 piksellik bir fotoğraf kullanın.
camera-retry = Bu işe yaramadı. Lütfen tekrar deneyin.
camera-try-again = Tekrar dene
camera-problem-title = Kamera kullanılamıyor
camera-denied = Bu sayfanın kamerayı kullanmasına izin verilmedi.
camera-not-found = Bu cihazda kamera bulunamadı.
camera-in-use = Kamera başka bir uygulama tarafından kullanılıyor.
camera-insecure = Kamera yalnızca güvenli bir sayfada (https) çalışır.
camera-webview = Bu uygulamanın yerleşik tarayıcısı kamerayı kullanamaz.
camera-failed = Kamera başlatılamadı.
camera-fix-ios = iPhone veya iPad'de: Ayarlar › Safari › Kamera'yı açın, İzin Ver'i seçin ve bu sayfayı yeniden yükleyin.
camera-fix-android = Android'de Chrome'da: adresin solundaki simgeye dokunun, İzinler'i açın, kameraya izin verin ve bu sayfayı yeniden yükleyin.
camera-fix-chrome = Chrome'da: adres çubuğundaki kamera simgesine tıklayın, her zaman izin ver'i seçin ve bu sayfayı yeniden yükleyin.
camera-fix-firefox = Firefox'ta: adres çubuğundaki kamera simgesine tıklayın, engeli kaldırın ve bu sayfayı yeniden yükleyin.
camera-fix-safari = Safari'de: Safari › Bu Web Sitesi İçin Ayarlar'ı açın, Kamera'yı İzin Ver yapın ve bu sayfayı yeniden yükleyin.
camera-fix-other = Tarayıcı ayarlarınızda bu siteye kamera izni verin ve bu sayfayı yeniden yükleyin.
camera-fix-not-found = Bir kamera bağlayın veya bir telefonda devam edin.
camera-fix-in-use = Kamerayı kullanan diğer uygulamaları veya sekmeleri kapatın ve tekrar deneyin.
camera-fix-insecure = Bağlantıyı tam olarak aldığınız gibi, https:// ile başlayarak açın.
camera-fix-webview = Bu bağlantıyı telefonunuzun tarayıcısında (Safari veya Chrome) açın ya da başka bir cihazda devam edin.
selfie-title = Özçekim yapın
selfie-intro = Yüzünüzü ovalin içine yerleştirin ve kameraya bakın. Yüzünüz açık ve iyi aydınlatılmış olmalı.
selfie-take = Özçekim yap
liveness-turn-left = Başınızı yavaşça sola çevirin
liveness-turn-right = Başınızı yavaşça sağa çevirin
liveness-move-closer = Kameraya yavaşça yaklaşın
liveness-look-up = Yavaşça yukarı bakın
liveness-recording = Kaydediliyor…
review-selfie = Özçekiminiz
review-selfie-done = Çekildi, canlılık kontrolüyle

review-title = Kontrol edin ve gönderin
review-intro = Kontrol için göndereceklerimiz:
review-uploaded = Yüklendi
review-change = Başka bir belge seçin
review-submit = Kontrole gönder
processing-title = Bilgilerinizi kontrol ediyoruz
processing-intro = Bu genellikle bir dakikadan kısa sürer. Lütfen bu sayfayı açık tutun.
check-document = Kimlik belgesi
check-sanctions = Yaptırım listeleri
check-pep = Siyasi nüfuz sahibi kişiler
check-duplicates = Mükerrer başvuru kontrolü
check-face = Yüz kontrolü
check-other = Diğer kontrol
check-waiting = bekliyor
check-running = sürüyor
check-done = tamamlandı
outcome-approved-title = Kimliğiniz doğrulandı
outcome-approved-body = Teşekkürler. Kimliğiniz onaylandı.
outcome-retry-title = Tekrar deneyelim
outcome-retry-body = Bu sefer belgenizi doğrulayamadık:
outcome-retry-button = Tekrar dene
outcome-final-title = Kimliğinizi doğrulayamadık
outcome-final-body = Bu doğrulama tamamlanamıyor. Lütfen sizi buraya yönlendiren hizmetle iletişime geçin.
outcome-review-title = Sizinle iletişime geçeceğiz
outcome-review-body = Bilgilerinizi kontrol etmek için biraz daha zamana ihtiyacımız var. Yakında bizden haber alacaksınız; bu sayfayı kapatabilirsiniz.
outcome-continue = Devam

reason-IMAGE_BLURRY = Belgenizin fotoğrafı bulanık — fotoğrafı çekmeden önce kamerayı sabit tutun ve odaklanmasını bekleyin.
reason-GLARE = Çok fazla parlama var — kartı ışıktan uzağa doğru eğin ve flaşı kapatın.
reason-TOO_DARK = Fotoğraf çok karanlık — daha aydınlık bir yere geçip tekrar deneyin.
reason-LOW_RESOLUTION = Fotoğraf okunamayacak kadar küçük — belge kareyi dolduracak şekilde yaklaşın veya daha net bir görüntü yükleyin.
reason-DOCUMENT_NOT_FOUND = Fotoğrafta belgenizi bulamadık — belgeyi düz bir yüzeye koyun ve dört köşesinin de karede olduğundan emin olun.
reason-UNSUPPORTED_FILE = Bu dosyayı açamıyoruz — bir fotoğraf (JPEG, PNG, WebP veya HEIC) ya da PDF yükleyin.
reason-MRZ_NOT_FOUND = Belgenizin altındaki harf ve ok satırlarını bulamadık — fotoğrafta göründüklerinden ve üstlerinin kapalı olmadığından emin olun.
reason-MRZ_UNREADABLE = Belgenizin altındaki harf ve ok satırları zor okunuyor — fotoğrafı iyi ışıkta ve parlama olmadan yeniden çekin.
reason-MRZ_CHECKSUM = Belgenizdeki bilgileri otomatik olarak doğrulayamadık. Ekibimiz bunları inceleyip size geri dönecek.
reason-DOCUMENT_EXPIRED = Belgenizin süresi dolmuş — lütfen hâlâ geçerli olan bir kimlik belgesi kullanın.
reason-UNSUPPORTED_DOCUMENT = Bu belge türü veya veren ülke burada kabul edilmiyor — lütfen başka bir kimlik belgesi kullanın.
reason-DATA_MISMATCH = Belgenizdeki bilgiler bize iletilen bilgilerle eşleşmiyor. Ekibimiz bunları inceleyip size geri dönecek.
reason-UNDERAGE = Bu hizmet için gereken asgari yaşı karşılamıyorsunuz. Lütfen sizi buraya yönlendiren hizmetle iletişime geçin.
reason-NO_FACE_FOUND = Yüzünüzü net göremedik — iyi ışıkta kameraya bakın ve yüzünüzü hiçbir şeyin kapatmadığından emin olun.
reason-BAD_FACE_MATCHING = Özçekiminiz belgenizdeki fotoğrafla eşleşmiyor — özçekimi kameraya bakarak ve iyi ışıkta kendiniz yeniden çekin.
reason-LIVENESS_FAILED = Canlılık kontrolü başarısız oldu — ekrandaki talimatları iyi ışıkta izleyin ve yüzünüzü çerçevenin içinde tutun.
reason-SANCTIONS_MATCH = Birkaç bilgiyi daha kontrol etmemiz gerekiyor. Ekibimiz size geri dönecek.
reason-PEP_MATCH = Birkaç bilgiyi daha kontrol etmemiz gerekiyor. Ekibimiz size geri dönecek.
reason-DUPLICATE_APPLICANT = Birkaç bilgiyi daha kontrol etmemiz gerekiyor. Ekibimiz size geri dönecek.
reason-CHECK_ERROR = Birkaç bilgiyi daha kontrol etmemiz gerekiyor. Ekibimiz size geri dönecek.
reason-DOCUMENT_MISSING = Kimlik belgenizin fotoğrafı bize ulaşmadı — lütfen bir fotoğraf ekleyip tekrar deneyin.
reason-MULTIPLE_FACES = Görüntüde birden fazla yüz var — karede yalnızca sizin olduğunuzdan emin olun ve tekrar deneyin.
reason-FACE_MATCH_UNCERTAIN = Selfienizin belgenizdeki fotoğrafla eşleştiğini doğrulayamadık. Ekibimiz bunu inceleyip size geri dönecek.
reason-POSSIBLE_SPOOF = Birkaç bilgiyi daha kontrol etmemiz gerekiyor. Ekibimiz size geri dönecek.
reason-DUPLICATE_FACE = Birkaç bilgiyi daha kontrol etmemiz gerekiyor. Ekibimiz size geri dönecek.
reason-SELFIE_MISSING = Özçekiminizi almadık — lütfen bir tane çekip tekrar deneyin.
reason-SANCTIONS_POSSIBLE_MATCH = Birkaç bilgiyi daha kontrol etmemiz gerekiyor. Ekibimiz size geri dönecek.
reason-PEP_POSSIBLE_MATCH = Birkaç bilgiyi daha kontrol etmemiz gerekiyor. Ekibimiz size geri dönecek.

## Continue on your phone (QR handoff): the offer on the capture step, and the page of a
## handoff link that was already used or has expired.

handoff-title = Telefonunuzda devam edin
handoff-intro = Burada kamera yok mu, yoksa telefonunuzdaki daha mı iyi? Telefonunuzda devam edin; bu sayfa sizi takip eder.
handoff-show = Telefonum için bir kod göster
handoff-qr-alt = QR kodu: bu doğrulamaya orada devam etmek için telefonunuzun kamerasıyla tarayın
handoff-once = Kod yalnızca bir kez ve yalnızca birkaç dakika çalışır. Kimseyle paylaşmayın.
handoff-waiting = Telefonunuz bekleniyor…
handoff-opened = Telefonunuz bağlantıyı açtı. Orada devam edin; işiniz bitince bu sayfa da ilerler.
handoff-new-code = Yeni bir kod göster
handoff-used-title = Bu bağlantı zaten kullanıldı
handoff-used-body = Başka bir cihazda devam etme bağlantısı yalnızca bir kez çalışır. Diğer ekrana dönün ve yeni bir kod gösterin.
handoff-expired-title = Bu bağlantının süresi doldu
handoff-expired-body = Başka bir cihazda devam etme bağlantısı yalnızca birkaç dakika çalışır. Diğer ekrana dönün ve yeni bir kod gösterin.

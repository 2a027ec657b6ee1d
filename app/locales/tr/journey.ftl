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
reason-BAD_FACE_MATCHING = Selfienizin belgenizdeki fotoğrafla eşleştiğini doğrulayamadık. Ekibimiz bunu inceleyip size geri dönecek.
reason-LIVENESS_FAILED = Canlılık kontrolü başarısız oldu — ekrandaki talimatları iyi ışıkta izleyin ve yüzünüzü çerçevenin içinde tutun.
reason-SANCTIONS_MATCH = Birkaç bilgiyi daha kontrol etmemiz gerekiyor. Ekibimiz size geri dönecek.
reason-PEP_MATCH = Birkaç bilgiyi daha kontrol etmemiz gerekiyor. Ekibimiz size geri dönecek.
reason-DUPLICATE_APPLICANT = Birkaç bilgiyi daha kontrol etmemiz gerekiyor. Ekibimiz size geri dönecek.
reason-CHECK_ERROR = Birkaç bilgiyi daha kontrol etmemiz gerekiyor. Ekibimiz size geri dönecek.
reason-DOCUMENT_MISSING = Kimlik belgenizin fotoğrafı bize ulaşmadı — lütfen bir fotoğraf ekleyip tekrar deneyin.
reason-SANCTIONS_POSSIBLE_MATCH = Birkaç bilgiyi daha kontrol etmemiz gerekiyor. Ekibimiz size geri dönecek.
reason-PEP_POSSIBLE_MATCH = Birkaç bilgiyi daha kontrol etmemiz gerekiyor. Ekibimiz size geri dönecek.

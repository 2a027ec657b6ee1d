# Kyra applicant journey — العربية. Same messages as en/journey.ftl.

page-title = التحقق من الهوية
loading = جارٍ التحميل…

language-label = اللغة
language-change = تغيير اللغة

not-found-title = الصفحة غير موجودة
not-found-body = هذا العنوان لا يؤدي إلى أي مكان. يُرجى التحقق من الرابط الذي أُرسل إليك.

link-invalid-title = هذا الرابط غير صالح
link-invalid-body = رابط التحقق غير مكتمل أو لم يعد صالحًا. يُرجى طلب رابط جديد من الخدمة التي أرسلته إليك.
link-expired-title = انتهت صلاحية هذا الرابط
link-expired-body = حفاظًا على أمانك، تكون روابط التحقق صالحة لمدة محدودة فقط. يُرجى طلب رابط جديد من الخدمة التي أرسلته إليك.
link-finished-title = اكتملت عملية التحقق هذه
link-finished-body = لم يعد هناك ما يلزم فعله هنا. يمكنك إغلاق هذه الصفحة.
unavailable-title = تعذّر تحميل عملية التحقق الخاصة بك
unavailable-body = حدث خطأ من جهتنا. يُرجى المحاولة مرة أخرى بعد دقيقة.

welcome-title = أكِّد هويتك
welcome-intro = تطلب منك { $tenant } تأكيد هويتك. يستغرق ذلك { $minutes ->
        [zero] حوالي { $minutes } دقيقة
        [one] دقيقة واحدة تقريبًا
        [two] دقيقتين تقريبًا
        [few] حوالي { $minutes } دقائق
        [many] حوالي { $minutes } دقيقة
       *[other] حوالي { $minutes } دقيقة
    }.
welcome-needs = ستحتاج إلى:
need-document = وثيقة هوية: جواز سفر أو بطاقة هوية وطنية أو رخصة قيادة أو تصريح إقامة
need-selfie = جهاز مزوّد بكاميرا لالتقاط صورة ذاتية (سيلفي)
consent-heading = موافقتك
consent-agree = لقد قرأت معالجة بياناتي الموضحة أعلاه وأوافق عليها.
consent-continue = متابعة
consent-failed = تعذّر حفظ إجابتك. يُرجى المحاولة مرة أخرى.

consent-builtin-2026-11-01 = للتحقق من هويتك، نعالج صور وثيقة هويتك ووجهك، والبيانات الشخصية الواردة فيها. نقارن هذه الصور ببعضها ونتحقق منها مقابل قوائم العقوبات وقوائم الأشخاص المعرّضين سياسيًا. تُعالَج بياناتك لغرض هذا التحقق فقط، وتُخزَّن مشفّرة، وتُحذف عند انتهاء فترة الاحتفاظ لدى الخدمة التي أرسلتك إلى هنا.

document-title = اختر وثيقتك
document-intro = شكرًا لك. الآن اختر وثيقة الهوية التي ستلتقط صورتها.
document-type-label = نوع المستند
document-country-label = بلد الإصدار
document-country-placeholder = اختر بلدًا
document-sides-one = سترفع صفحة الصورة.
document-sides-two = سترفع الوجه الأمامي والوجه الخلفي.
doc-passport = جواز السفر
doc-national-id = بطاقة الهوية الوطنية
doc-drivers-license = رخصة القيادة
doc-residence-permit = تصريح الإقامة
side-photo-page = صفحة الصورة
side-front = الوجه الأمامي
side-back = الوجه الخلفي
action-failed = حدث خطأ ما. يُرجى المحاولة مرة أخرى.
upload-title = ارفع مستندك
upload-hint = صورة واضحة أو نسخة ممسوحة للمستند كاملًا: JPEG أو PNG أو WebP أو HEIC أو PDF، بحجم { $megabytes } ميغابايت كحد أقصى.
upload-choose = اختر ملفًا
upload-drop = أو اسحبه وأفلته هنا
upload-preview = معاينة الملف المختار
upload-choose-another = اختر ملفًا آخر
upload-send = رفع
upload-sending = جارٍ الرفع…
upload-wrong-type = هذا الملف ليس صورة ولا ملف PDF. يُرجى اختيار صورة JPEG أو PNG أو WebP أو HEIC، أو ملف PDF.
upload-too-large = هذا الملف كبير جدًا. يُرجى اختيار ملف لا يتجاوز { $megabytes } ميغابايت.
upload-damaged = هذا الملف تالف أو غير مكتمل. يُرجى اختيار ملف آخر.
upload-failed = لم ينجح الرفع. يُرجى المحاولة مرة أخرى.

# Live camera, selfie and liveness.
camera-open = التقط صورة بالكاميرا
camera-hint-document = ضع المستند مسطحًا داخل الإطار، ظاهرًا بالكامل ودون انعكاسات.
camera-view = صورة الكاميرا
camera-starting = جارٍ تشغيل الكاميرا…
camera-capture = التقط الصورة
camera-retake = أعد الالتقاط
camera-use = استخدم هذه الصورة
camera-upload-instead = ارفع ملفًا بدلًا من ذلك
camera-too-small = هذه الصورة أصغر من أن تُقرأ. يُرجى استخدام صورة لا تقل عن 800 × 600 بكسل.
camera-retry = لم ينجح ذلك. يُرجى المحاولة مرة أخرى.
camera-try-again = حاول مرة أخرى
camera-problem-title = لا يمكن استخدام الكاميرا
camera-denied = لم يُسمح لهذه الصفحة باستخدام الكاميرا.
camera-not-found = لم يُعثر على كاميرا في هذا الجهاز.
camera-in-use = تطبيق آخر يستخدم الكاميرا.
camera-insecure = لا تعمل الكاميرا إلا في صفحة آمنة (https).
camera-webview = لا يستطيع المتصفح المدمج في هذا التطبيق استخدام الكاميرا.
camera-failed = تعذّر تشغيل الكاميرا.
camera-fix-ios = على iPhone أو iPad: افتح الإعدادات › Safari › الكاميرا، واختر السماح، ثم أعد تحميل هذه الصفحة.
camera-fix-android = في Chrome على Android: انقر على الرمز بجوار العنوان، وافتح الأذونات، واسمح بالكاميرا، ثم أعد تحميل هذه الصفحة.
camera-fix-chrome = في Chrome: انقر على رمز الكاميرا في شريط العنوان، واختر السماح دائمًا، ثم أعد تحميل هذه الصفحة.
camera-fix-firefox = في Firefox: انقر على رمز الكاميرا في شريط العنوان، وأزل الحظر، ثم أعد تحميل هذه الصفحة.
camera-fix-safari = في Safari: افتح Safari › إعدادات هذا الموقع، واضبط الكاميرا على السماح، ثم أعد تحميل هذه الصفحة.
camera-fix-other = اسمح لهذا الموقع باستخدام الكاميرا من إعدادات المتصفح، ثم أعد تحميل هذه الصفحة.
camera-fix-not-found = وصّل كاميرا، أو تابع على هاتف.
camera-fix-in-use = أغلق التطبيقات أو علامات التبويب الأخرى التي تستخدم الكاميرا، ثم حاول مرة أخرى.
camera-fix-insecure = افتح الرابط كما وصلك تمامًا، بدءًا بـ https://.
camera-fix-webview = افتح هذا الرابط في متصفح هاتفك (Safari أو Chrome)، أو تابع على جهاز آخر.
selfie-title = التقط صورة ذاتية
selfie-intro = ضع وجهك داخل الشكل البيضاوي وانظر إلى الكاميرا. يجب أن يكون وجهك مكشوفًا وجيد الإضاءة.
selfie-take = التقط الصورة الذاتية
liveness-turn-left = أدر رأسك ببطء إلى اليسار
liveness-turn-right = أدر رأسك ببطء إلى اليمين
liveness-move-closer = اقترب ببطء من الكاميرا
liveness-look-up = انظر ببطء إلى الأعلى
liveness-recording = جارٍ التسجيل…
review-selfie = صورتك الذاتية
review-selfie-done = تم التقاطها، مع التحقق من الحيوية

review-title = راجع وأرسل
review-intro = هذا ما سنرسله للتحقق:
review-uploaded = تم الرفع
review-change = اختر مستندًا آخر
review-submit = أرسل للتحقق
processing-title = نتحقق من بياناتك
processing-intro = يستغرق ذلك عادةً أقل من دقيقة. يُرجى إبقاء هذه الصفحة مفتوحة.
check-document = مستند الهوية
check-sanctions = قوائم العقوبات
check-pep = الأشخاص المعرّضون سياسيًا
check-duplicates = التحقق من التكرار
check-face = التحقق من الوجه
check-other = تحقق آخر
check-waiting = في الانتظار
check-running = قيد التنفيذ
check-done = اكتمل
outcome-approved-title = تم التحقق من هويتك
outcome-approved-body = شكرًا لك. تم تأكيد هويتك.
outcome-retry-title = لنحاول مرة أخرى
outcome-retry-body = لم نتمكن من التحقق من مستندك هذه المرة:
outcome-retry-button = حاول مرة أخرى
outcome-final-title = لم نتمكن من التحقق من هويتك
outcome-final-body = لا يمكن إكمال هذا التحقق. يُرجى التواصل مع الخدمة التي أرسلتك إلى هنا.
outcome-review-title = سنتواصل معك
outcome-review-body = نحتاج إلى مزيد من الوقت للتحقق من بياناتك. ستسمع منا قريبًا؛ يمكنك إغلاق هذه الصفحة.
outcome-continue = متابعة

reason-IMAGE_BLURRY = صورة وثيقتك غير واضحة — أمسك الكاميرا بثبات واتركها تضبط التركيز قبل التقاط الصورة.
reason-GLARE = يوجد انعكاس ضوء كثير — أمِل البطاقة بعيدًا عن مصدر الضوء وأوقف الفلاش.
reason-TOO_DARK = الصورة داكنة جدًا — انتقل إلى مكان أكثر إضاءة وحاول مرة أخرى.
reason-LOW_RESOLUTION = الصورة صغيرة جدًا بحيث تتعذّر قراءتها — اقترب حتى تملأ الوثيقة الإطار، أو حمّل صورة أوضح.
reason-DOCUMENT_NOT_FOUND = لم نعثر على وثيقتك في الصورة — ضعها على سطح سادة بحيث تظهر زواياها الأربع داخل الإطار.
reason-UNSUPPORTED_FILE = لا يمكننا فتح هذا الملف — حمّل صورة (JPEG أو PNG أو WebP أو HEIC) أو ملف PDF.
reason-MRZ_NOT_FOUND = لم نعثر على أسطر الحروف والأسهم في أسفل وثيقتك — تأكد من ظهورها في الصورة وأنها غير مغطاة.
reason-MRZ_UNREADABLE = أسطر الحروف والأسهم في أسفل وثيقتك صعبة القراءة — التقط الصورة مرة أخرى في إضاءة جيدة ومن دون انعكاسات.
reason-MRZ_CHECKSUM = تعذّر علينا تأكيد بيانات وثيقتك تلقائيًا. سيراجعها فريقنا ويتواصل معك.
reason-DOCUMENT_EXPIRED = انتهت صلاحية وثيقتك — يُرجى استخدام وثيقة هوية سارية المفعول.
reason-UNSUPPORTED_DOCUMENT = نوع الوثيقة هذا أو بلد إصدارها غير مقبول هنا — يُرجى استخدام وثيقة هوية أخرى.
reason-DATA_MISMATCH = البيانات الواردة في وثيقتك لا تطابق البيانات التي وصلتنا. سيراجعها فريقنا ويتواصل معك.
reason-UNDERAGE = لم تبلغ الحد الأدنى للسن المطلوب لهذه الخدمة. يُرجى التواصل مع الخدمة التي أرسلتك إلى هنا.
reason-NO_FACE_FOUND = لم نتمكن من رؤية وجهك بوضوح — انظر إلى الكاميرا في إضاءة جيدة، من دون أن يغطي وجهك أي شيء.
reason-BAD_FACE_MATCHING = صورتك الذاتية لا تطابق الصورة الموجودة في مستندك — التقط الصورة الذاتية بنفسك مرة أخرى، مواجهًا الكاميرا وفي إضاءة جيدة.
reason-LIVENESS_FAILED = لم ينجح التحقق المباشر — اتبع التعليمات على الشاشة في إضاءة جيدة، وأبقِ وجهك داخل الإطار.
reason-SANCTIONS_MATCH = نحتاج إلى التحقق من بعض التفاصيل الإضافية. سيتواصل معك فريقنا.
reason-PEP_MATCH = نحتاج إلى التحقق من بعض التفاصيل الإضافية. سيتواصل معك فريقنا.
reason-DUPLICATE_APPLICANT = نحتاج إلى التحقق من بعض التفاصيل الإضافية. سيتواصل معك فريقنا.
reason-CHECK_ERROR = نحتاج إلى التحقق من بعض التفاصيل الإضافية. سيتواصل معك فريقنا.
reason-DOCUMENT_MISSING = لم نتلقَّ صورة لوثيقة هويتك — يُرجى إضافة صورة والمحاولة مرة أخرى.
reason-MULTIPLE_FACES = يظهر أكثر من وجه في الصورة — تأكد من أنك وحدك داخل الإطار ثم حاول مرة أخرى.
reason-FACE_MATCH_UNCERTAIN = تعذّر علينا تأكيد تطابق صورتك الذاتية مع الصورة الموجودة في وثيقتك. سيراجعها فريقنا ويتواصل معك.
reason-POSSIBLE_SPOOF = نحتاج إلى التحقق من بعض التفاصيل الإضافية. سيتواصل معك فريقنا.
reason-DUPLICATE_FACE = نحتاج إلى التحقق من بعض التفاصيل الإضافية. سيتواصل معك فريقنا.
reason-SELFIE_MISSING = لم نستلم صورتك الذاتية — يرجى التقاط واحدة والمحاولة مرة أخرى.
reason-SANCTIONS_POSSIBLE_MATCH = نحتاج إلى التحقق من بعض التفاصيل الإضافية. سيتواصل معك فريقنا.
reason-PEP_POSSIBLE_MATCH = نحتاج إلى التحقق من بعض التفاصيل الإضافية. سيتواصل معك فريقنا.

## Continue on your phone (QR handoff): the offer on the capture step, and the page of a
## handoff link that was already used or has expired.

handoff-title = المتابعة على هاتفك
handoff-intro = لا توجد كاميرا هنا، أو كاميرا هاتفك أفضل؟ تابع على هاتفك؛ وستتابع هذه الصفحة معك.
handoff-show = اعرض رمزًا لهاتفي
handoff-qr-alt = رمز QR: امسحه بكاميرا هاتفك لمتابعة هذا التحقق هناك
handoff-once = يعمل الرمز مرة واحدة فقط ولبضع دقائق فقط. لا تشاركه مع أحد.
handoff-waiting = بانتظار هاتفك…
handoff-opened = فتح هاتفك الرابط. تابع هناك؛ وستنتقل هذه الصفحة عندما تنتهي.
handoff-new-code = اعرض رمزًا جديدًا
handoff-used-title = تم استخدام هذا الرابط من قبل
handoff-used-body = رابط المتابعة على جهاز آخر يعمل مرة واحدة فقط. عد إلى الشاشة الأخرى واعرض رمزًا جديدًا.
handoff-expired-title = انتهت صلاحية هذا الرابط
handoff-expired-body = رابط المتابعة على جهاز آخر يعمل لبضع دقائق فقط. عد إلى الشاشة الأخرى واعرض رمزًا جديدًا.

# Kyra applicant journey — עברית. Same messages as en/journey.ftl.

page-title = אימות זהות
loading = טוען…

language-label = שפה
language-change = החלפת שפה

not-found-title = הדף לא נמצא
not-found-body = הכתובת הזו לא מובילה לשום מקום. כדאי לבדוק את הקישור שקיבלת.

link-invalid-title = הקישור הזה אינו תקף
link-invalid-body = קישור האימות חלקי או שאינו תקף עוד. יש לבקש קישור חדש מהשירות ששלח אותו.
link-expired-title = תוקף הקישור פג
link-expired-body = לשמירה על אבטחתך, קישורי אימות תקפים לזמן מוגבל בלבד. יש לבקש קישור חדש מהשירות ששלח אותו.
link-finished-title = האימות הזה הסתיים
link-finished-body = אין צורך לעשות כאן דבר נוסף. אפשר לסגור את הדף.
unavailable-title = לא הצלחנו לטעון את האימות שלך
unavailable-body = משהו השתבש אצלנו. כדאי לנסות שוב בעוד דקה.

welcome-title = אימות הזהות שלך
welcome-intro = { $tenant } מבקש/ת ממך לאשר את זהותך. התהליך נמשך בערך { $minutes ->
        [one] דקה אחת
        [two] שתי דקות
       *[other] { $minutes } דקות
    }.
welcome-needs = יש להכין:
need-document = מסמך מזהה: דרכון, תעודת זהות, רישיון נהיגה או היתר שהייה
need-selfie = מכשיר עם מצלמה לצילום סלפי
consent-heading = ההסכמה שלך
consent-agree = קראתי את אופן עיבוד הנתונים שלי המתואר למעלה ואני מסכים/ה לו.
consent-continue = המשך
consent-failed = לא הצלחנו לשמור את התשובה שלך. כדאי לנסות שוב.

consent-builtin-2026-11-01 = כדי לאמת את זהותך אנו מעבדים את התמונות של המסמך המזהה שלך ושל פניך, ואת המידע האישי שהן מכילות. אנו משווים ביניהן ובודקים אותן מול רשימות סנקציות ורשימות של אישי ציבור בעלי חשיפה פוליטית. המידע שלך מעובד לצורך האימות הזה בלבד, נשמר מוצפן ונמחק בתום תקופת השמירה של השירות ששלח אותך לכאן.

document-title = בחירת המסמך
document-intro = תודה. עכשיו יש לבחור את המסמך המזהה שיצולם.
document-type-label = סוג המסמך
document-country-label = מדינה מנפיקה
document-country-placeholder = בחרו מדינה
document-sides-one = תעלו את עמוד התמונה.
document-sides-two = תעלו את הצד הקדמי ואת הצד האחורי.
doc-passport = דרכון
doc-national-id = תעודת זהות
doc-drivers-license = רישיון נהיגה
doc-residence-permit = היתר שהייה
side-photo-page = עמוד התמונה
side-front = צד קדמי
side-back = צד אחורי
action-failed = משהו השתבש. נסו שוב.
upload-title = העלו את המסמך
upload-hint = תמונה חדה או סריקה של המסמך כולו: JPEG, PNG, WebP, HEIC או PDF, עד { $megabytes } MB.
upload-choose = בחירת קובץ
upload-drop = או גררו ושחררו אותו כאן
upload-preview = תצוגה מקדימה של הקובץ שנבחר
upload-choose-another = בחירת קובץ אחר
upload-send = העלאה
upload-sending = מעלה…
upload-wrong-type = הקובץ הזה אינו תמונה או PDF. בחרו תמונת JPEG,‏ PNG,‏ WebP או HEIC, או קובץ PDF.
upload-too-large = הקובץ הזה גדול מדי. בחרו קובץ של { $megabytes } MB לכל היותר.
upload-damaged = הקובץ הזה פגום או חלקי. בחרו קובץ אחר.
upload-failed = ההעלאה לא הצליחה. נסו שוב.

# Live camera, selfie and liveness.
camera-open = צלמו תמונה במצלמה
camera-hint-document = הניחו את המסמך שטוח בתוך המסגרת, גלוי כולו וללא השתקפויות.
camera-view = תמונת המצלמה
camera-starting = המצלמה מופעלת…
camera-capture = צלמו
camera-retake = צלמו שוב
camera-use = השתמשו בתמונה הזו
camera-upload-instead = העלו קובץ במקום זאת
camera-too-small = התמונה קטנה מכדי לקרוא אותה. השתמשו בתמונה של 800 × 600 פיקסלים לפחות.
camera-retry = זה לא הצליח. נסו שוב.
camera-try-again = נסו שוב
camera-problem-title = לא ניתן להשתמש במצלמה
camera-denied = לדף הזה לא ניתנה הרשאה להשתמש במצלמה.
camera-not-found = לא נמצאה מצלמה במכשיר הזה.
camera-in-use = המצלמה בשימוש של אפליקציה אחרת.
camera-insecure = המצלמה פועלת רק בדף מאובטח (https).
camera-webview = הדפדפן המובנה של האפליקציה הזו לא יכול להשתמש במצלמה.
camera-failed = לא ניתן היה להפעיל את המצלמה.
camera-fix-ios = ב‑iPhone או ב‑iPad: פתחו הגדרות › Safari › מצלמה, בחרו אפשר, ואז טענו את הדף מחדש.
camera-fix-android = ב‑Chrome ב‑Android: הקישו על הסמל שליד הכתובת, פתחו הרשאות, אפשרו את המצלמה, ואז טענו את הדף מחדש.
camera-fix-chrome = ב‑Chrome: לחצו על סמל המצלמה בשורת הכתובת, בחרו לאפשר תמיד, ואז טענו את הדף מחדש.
camera-fix-firefox = ב‑Firefox: לחצו על סמל המצלמה בשורת הכתובת, הסירו את החסימה, ואז טענו את הדף מחדש.
camera-fix-safari = ב‑Safari: פתחו Safari › הגדרות עבור אתר זה, הגדירו את המצלמה ל'אפשר', ואז טענו את הדף מחדש.
camera-fix-other = אפשרו לאתר הזה להשתמש במצלמה בהגדרות הדפדפן, ואז טענו את הדף מחדש.
camera-fix-not-found = חברו מצלמה, או המשיכו בטלפון.
camera-fix-in-use = סגרו אפליקציות או כרטיסיות אחרות שמשתמשות במצלמה, ונסו שוב.
camera-fix-insecure = פתחו את הקישור בדיוק כפי שקיבלתם אותו, החל מ‑https://.
camera-fix-webview = פתחו את הקישור בדפדפן של הטלפון (Safari או Chrome), או המשיכו במכשיר אחר.
selfie-title = צלמו סלפי
selfie-intro = מקמו את הפנים בתוך האליפסה והביטו במצלמה. הפנים צריכות להיות גלויות ומוארות היטב.
selfie-take = צלמו סלפי
liveness-turn-left = סובבו את הראש לאט שמאלה
liveness-turn-right = סובבו את הראש לאט ימינה
liveness-move-closer = התקרבו לאט למצלמה
liveness-look-up = הביטו לאט למעלה
liveness-recording = מקליט…
review-selfie = הסלפי שלכם
review-selfie-done = צולם, עם בדיקת החיות

review-title = בדיקה ושליחה
review-intro = זה מה שנשלח לבדיקה:
review-uploaded = הועלה
review-change = בחירת מסמך אחר
review-submit = שליחה לבדיקה
processing-title = אנחנו בודקים את הפרטים שלכם
processing-intro = זה לוקח בדרך כלל פחות מדקה. השאירו את הדף הזה פתוח.
check-document = מסמך מזהה
check-sanctions = רשימות סנקציות
check-pep = אישי ציבור בעלי חשיפה פוליטית
check-duplicates = בדיקת כפילויות
check-face = בדיקת פנים
check-other = בדיקה אחרת
check-waiting = ממתינה
check-running = בביצוע
check-done = הסתיימה
outcome-approved-title = הזהות שלכם אומתה
outcome-approved-body = תודה. הזהות שלכם אושרה.
outcome-retry-title = בואו ננסה שוב
outcome-retry-body = הפעם לא הצלחנו לאמת את המסמך שלכם:
outcome-retry-button = ניסיון נוסף
outcome-final-title = לא הצלחנו לאמת את זהותכם
outcome-final-body = לא ניתן להשלים את האימות הזה. פנו לשירות ששלח אתכם לכאן.
outcome-review-title = ניצור איתכם קשר
outcome-review-body = אנחנו צריכים עוד קצת זמן כדי לבדוק את הפרטים שלכם. תשמעו מאיתנו בקרוב; אפשר לסגור את הדף הזה.
outcome-continue = המשך

reason-IMAGE_BLURRY = התמונה של המסמך מטושטשת — יש להחזיק את המצלמה יציבה ולתת לה להתמקד לפני הצילום.
reason-GLARE = יש יותר מדי בוהק — יש להטות את הכרטיס הרחק מהאור ולכבות את הפלאש.
reason-TOO_DARK = התמונה חשוכה מדי — כדאי לעבור למקום מואר יותר ולנסות שוב.
reason-LOW_RESOLUTION = התמונה קטנה מכדי לקרוא אותה — יש להתקרב כך שהמסמך ימלא את המסגרת, או להעלות תמונה חדה יותר.
reason-DOCUMENT_NOT_FOUND = לא מצאנו את המסמך בתמונה — יש להניח אותו על משטח חלק, כשכל ארבע הפינות בתוך המסגרת.
reason-UNSUPPORTED_FILE = אין לנו אפשרות לפתוח את הקובץ הזה — יש להעלות תמונה (JPEG,‏ PNG,‏ WebP או HEIC) או קובץ PDF.
reason-MRZ_NOT_FOUND = לא מצאנו את שורות האותיות והחצים בתחתית המסמך — יש לוודא שהן מופיעות בתמונה ואינן מוסתרות.
reason-MRZ_UNREADABLE = קשה לקרוא את שורות האותיות והחצים בתחתית המסמך — יש לצלם שוב בתאורה טובה וללא בוהק.
reason-MRZ_CHECKSUM = לא הצלחנו לאשר באופן אוטומטי את פרטי המסמך שלך. הצוות שלנו יבדוק אותם ויחזור אליך.
reason-DOCUMENT_EXPIRED = תוקף המסמך שלך פג — יש להשתמש במסמך מזהה שעדיין בתוקף.
reason-UNSUPPORTED_DOCUMENT = סוג המסמך או המדינה המנפיקה אינם מתקבלים כאן — יש להשתמש במסמך מזהה אחר.
reason-DATA_MISMATCH = הפרטים במסמך שלך אינם תואמים לפרטים שנמסרו לנו. הצוות שלנו יבדוק אותם ויחזור אליך.
reason-UNDERAGE = אינך עומד/ת בגיל המינימלי הנדרש לשירות הזה. יש לפנות לשירות ששלח אותך לכאן.
reason-NO_FACE_FOUND = לא הצלחנו לראות את הפנים שלך בבירור — יש להביט במצלמה בתאורה טובה, בלי ששום דבר יסתיר את הפנים.
reason-BAD_FACE_MATCHING = הסלפי שלך אינו תואם לתמונה במסמך — צלם/י את הסלפי שוב בעצמך, מול המצלמה ובתאורה טובה.
reason-LIVENESS_FAILED = הבדיקה בזמן אמת לא הצליחה — יש לפעול לפי ההוראות שעל המסך, בתאורה טובה, ולהשאיר את הפנים בתוך המסגרת.
reason-SANCTIONS_MATCH = אנחנו צריכים לבדוק עוד כמה פרטים. הצוות שלנו יחזור אליך.
reason-PEP_MATCH = אנחנו צריכים לבדוק עוד כמה פרטים. הצוות שלנו יחזור אליך.
reason-DUPLICATE_APPLICANT = אנחנו צריכים לבדוק עוד כמה פרטים. הצוות שלנו יחזור אליך.
reason-CHECK_ERROR = אנחנו צריכים לבדוק עוד כמה פרטים. הצוות שלנו יחזור אליך.
reason-DOCUMENT_MISSING = לא קיבלנו תמונה של מסמך הזיהוי שלך — יש להוסיף תמונה ולנסות שוב.
reason-MULTIPLE_FACES = יש יותר מפנים אחדות בתמונה — ודא/י שרק את/ה בתוך המסגרת ונסה/י שוב.
reason-FACE_MATCH_UNCERTAIN = לא הצלחנו לאשר שהסלפי תואם לתמונה שבמסמך שלך. הצוות שלנו יבדוק זאת ויחזור אליך.
reason-POSSIBLE_SPOOF = אנחנו צריכים לבדוק עוד כמה פרטים. הצוות שלנו יחזור אליך.
reason-DUPLICATE_FACE = אנחנו צריכים לבדוק עוד כמה פרטים. הצוות שלנו יחזור אליך.
reason-SELFIE_MISSING = לא קיבלנו את הסלפי שלך — צלם/י אחד ונסה/י שוב.
reason-SANCTIONS_POSSIBLE_MATCH = אנחנו צריכים לבדוק עוד כמה פרטים. הצוות שלנו יחזור אליך.
reason-PEP_POSSIBLE_MATCH = אנחנו צריכים לבדוק עוד כמה פרטים. הצוות שלנו יחזור אליך.

## Continue on your phone (QR handoff): the offer on the capture step, and the page of a
## handoff link that was already used or has expired.

handoff-title = להמשיך בטלפון
handoff-intro = אין כאן מצלמה, או שהמצלמה בטלפון טובה יותר? המשיכו בטלפון; הדף הזה יתעדכן בהתאם.
handoff-show = הצגת קוד לטלפון שלי
handoff-qr-alt = קוד QR: סרקו אותו במצלמת הטלפון כדי להמשיך שם את האימות
handoff-once = הקוד פועל פעם אחת בלבד ורק לכמה דקות. אל תשתפו אותו.
handoff-waiting = ממתינים לטלפון שלכם…
handoff-opened = הטלפון פתח את הקישור. המשיכו שם; הדף הזה יתקדם כשתסיימו.
handoff-new-code = הצגת קוד חדש
handoff-used-title = כבר נעשה שימוש בקישור הזה
handoff-used-body = קישור להמשך במכשיר אחר פועל פעם אחת בלבד. חזרו למסך השני והציגו קוד חדש.
handoff-expired-title = תוקף הקישור הזה פג
handoff-expired-body = קישור להמשך במכשיר אחר פועל רק כמה דקות. חזרו למסך השני והציגו קוד חדש.

# Kyra applicant journey — Deutsch. Same messages as en/journey.ftl.

page-title = Identitätsprüfung
loading = Wird geladen…

language-label = Sprache
language-change = Sprache ändern

not-found-title = Seite nicht gefunden
not-found-body = Diese Adresse führt nirgendwohin. Bitte prüfen Sie den Link, den Sie erhalten haben.

link-invalid-title = Dieser Link ist ungültig
link-invalid-body = Der Verifizierungslink ist unvollständig oder nicht mehr gültig. Bitte fordern Sie bei dem Dienst, der ihn Ihnen geschickt hat, einen neuen an.
link-expired-title = Dieser Link ist abgelaufen
link-expired-body = Zu Ihrer Sicherheit sind Verifizierungslinks nur für begrenzte Zeit gültig. Bitte fordern Sie bei dem Dienst, der ihn Ihnen geschickt hat, einen neuen Link an.
link-finished-title = Diese Verifizierung ist abgeschlossen
link-finished-body = Hier ist nichts mehr zu tun. Sie können diese Seite schließen.
unavailable-title = Ihre Verifizierung konnte nicht geladen werden
unavailable-body = Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es in einer Minute erneut.

welcome-title = Bestätigen Sie Ihre Identität
welcome-intro = { $tenant } bittet Sie, Ihre Identität zu bestätigen. Das dauert etwa { $minutes ->
        [one] eine Minute
       *[other] { $minutes } Minuten
    }.
welcome-needs = Sie benötigen:
need-document = ein Ausweisdokument: Reisepass, Personalausweis, Führerschein oder Aufenthaltstitel
need-selfie = ein Gerät mit Kamera, um ein Selfie aufzunehmen
consent-heading = Ihre Einwilligung
consent-agree = Ich habe die oben beschriebene Verarbeitung meiner Daten gelesen und stimme ihr zu.
consent-continue = Weiter
consent-failed = Ihre Antwort konnte nicht gespeichert werden. Bitte versuchen Sie es erneut.

consent-builtin-2026-11-01 = Um Ihre Identität zu prüfen, verarbeiten wir die Fotos Ihres Ausweisdokuments und Ihres Gesichts sowie die darin enthaltenen personenbezogenen Daten. Wir vergleichen sie miteinander und gleichen sie mit Sanktionslisten und Listen politisch exponierter Personen ab. Ihre Daten werden ausschließlich für diese Verifizierung verarbeitet, verschlüsselt gespeichert und gelöscht, sobald die Aufbewahrungsfrist des Dienstes endet, der Sie hierher geschickt hat.

document-title = Wählen Sie Ihr Dokument
document-intro = Vielen Dank. Wählen Sie als Nächstes das Ausweisdokument, das Sie fotografieren werden.
document-type-label = Art des Dokuments
document-country-label = Ausstellungsland
document-country-placeholder = Land auswählen
document-sides-one = Sie laden die Seite mit dem Foto hoch.
document-sides-two = Sie laden die Vorder- und die Rückseite hoch.
doc-passport = Reisepass
doc-national-id = Personalausweis
doc-drivers-license = Führerschein
doc-residence-permit = Aufenthaltstitel
side-photo-page = Seite mit dem Foto
side-front = Vorderseite
side-back = Rückseite
action-failed = Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.
upload-title = Dokument hochladen
upload-hint = Ein scharfes Foto oder ein Scan des ganzen Dokuments: JPEG, PNG, WebP, HEIC oder PDF, höchstens { $megabytes } MB.
upload-choose = Datei auswählen
upload-drop = oder hierher ziehen und ablegen
upload-preview = Vorschau der ausgewählten Datei
upload-choose-another = Andere wählen
upload-send = Hochladen
upload-sending = Wird hochgeladen…
upload-wrong-type = Diese Datei ist weder ein Foto noch ein PDF. Bitte wählen Sie ein Foto (JPEG, PNG, WebP oder HEIC) oder ein PDF.
upload-too-large = Diese Datei ist zu groß. Bitte wählen Sie eine Datei mit höchstens { $megabytes } MB.
upload-damaged = Diese Datei ist beschädigt oder unvollständig. Bitte wählen Sie eine andere.
upload-failed = Das Hochladen hat nicht funktioniert. Bitte versuchen Sie es erneut.

# Live camera, selfie and liveness.
camera-open = Foto mit der Kamera aufnehmen
camera-hint-document = Legen Sie das Dokument flach in den Rahmen, vollständig sichtbar und ohne Spiegelungen.
camera-view = Kamerabild
camera-starting = Kamera wird gestartet…
camera-capture = Foto aufnehmen
camera-retake = Neu aufnehmen
camera-use = Dieses Foto verwenden
camera-upload-instead = Stattdessen eine Datei hochladen
camera-too-small = Dieses Bild ist zu klein zum Lesen. Bitte verwenden Sie ein Foto mit mindestens 800 × 600 Pixeln.
camera-retry = Das hat nicht funktioniert. Bitte versuchen Sie es erneut.
camera-try-again = Erneut versuchen
camera-problem-title = Die Kamera kann nicht verwendet werden
camera-denied = Diese Seite darf die Kamera nicht verwenden.
camera-not-found = Auf diesem Gerät wurde keine Kamera gefunden.
camera-in-use = Die Kamera wird von einer anderen App verwendet.
camera-insecure = Die Kamera funktioniert nur auf einer sicheren Seite (https).
camera-webview = Der eingebaute Browser dieser App kann die Kamera nicht verwenden.
camera-failed = Die Kamera konnte nicht gestartet werden.
camera-fix-ios = Auf iPhone oder iPad: Öffnen Sie Einstellungen › Safari › Kamera, wählen Sie Erlauben und laden Sie diese Seite neu.
camera-fix-android = In Chrome auf Android: Tippen Sie auf das Symbol links neben der Adresse, öffnen Sie Berechtigungen, erlauben Sie die Kamera und laden Sie diese Seite neu.
camera-fix-chrome = In Chrome: Klicken Sie auf das Kamerasymbol in der Adressleiste, wählen Sie „Immer erlauben“ und laden Sie diese Seite neu.
camera-fix-firefox = In Firefox: Klicken Sie auf das Kamerasymbol in der Adressleiste, heben Sie die Sperre auf und laden Sie diese Seite neu.
camera-fix-safari = In Safari: Öffnen Sie Safari › Einstellungen für diese Website, stellen Sie Kamera auf Erlauben und laden Sie diese Seite neu.
camera-fix-other = Erlauben Sie dieser Website in den Browsereinstellungen die Kamera und laden Sie diese Seite neu.
camera-fix-not-found = Schließen Sie eine Kamera an oder machen Sie auf einem Smartphone weiter.
camera-fix-in-use = Schließen Sie andere Apps oder Tabs, die die Kamera verwenden, und versuchen Sie es erneut.
camera-fix-insecure = Öffnen Sie den Link genau so, wie Sie ihn erhalten haben, beginnend mit https://.
camera-fix-webview = Öffnen Sie diesen Link im Browser Ihres Smartphones (Safari oder Chrome) oder machen Sie auf einem anderen Gerät weiter.
selfie-title = Selfie aufnehmen
selfie-intro = Bringen Sie Ihr Gesicht in das Oval und schauen Sie in die Kamera. Ihr Gesicht sollte unverdeckt und gut beleuchtet sein.
selfie-take = Selfie aufnehmen
liveness-turn-left = Drehen Sie den Kopf langsam nach links
liveness-turn-right = Drehen Sie den Kopf langsam nach rechts
liveness-move-closer = Kommen Sie langsam näher an die Kamera
liveness-look-up = Schauen Sie langsam nach oben
liveness-recording = Aufnahme läuft…
review-selfie = Ihr Selfie
review-selfie-done = Aufgenommen, mit Lebendigkeitsprüfung

review-title = Prüfen und senden
review-intro = Das senden wir zur Prüfung:
review-uploaded = Hochgeladen
review-change = Anderes Dokument wählen
review-submit = Zur Prüfung senden
processing-title = Wir prüfen Ihre Angaben
processing-intro = Das dauert meist weniger als eine Minute. Bitte lassen Sie diese Seite geöffnet.
check-document = Ausweisdokument
check-sanctions = Sanktionslisten
check-pep = Politisch exponierte Personen
check-duplicates = Prüfung auf Doppelungen
check-face = Gesichtsprüfung
check-other = Weitere Prüfung
check-waiting = wartet
check-running = läuft
check-done = abgeschlossen
outcome-approved-title = Sie sind verifiziert
outcome-approved-body = Vielen Dank. Ihre Identität wurde bestätigt.
outcome-retry-title = Versuchen wir es noch einmal
outcome-retry-body = Wir konnten Ihr Dokument diesmal nicht prüfen:
outcome-retry-button = Erneut versuchen
outcome-final-title = Wir konnten Ihre Identität nicht bestätigen
outcome-final-body = Diese Verifizierung kann nicht abgeschlossen werden. Bitte wenden Sie sich an den Dienst, der Sie hierher geschickt hat.
outcome-review-title = Wir melden uns
outcome-review-body = Wir brauchen etwas mehr Zeit, um Ihre Angaben zu prüfen. Sie hören bald von uns; Sie können diese Seite schließen.
outcome-continue = Weiter

reason-IMAGE_BLURRY = Das Foto Ihres Dokuments ist unscharf – halten Sie die Kamera ruhig und lassen Sie sie scharfstellen, bevor Sie das Foto aufnehmen.
reason-GLARE = Zu viele Spiegelungen – kippen Sie die Karte vom Licht weg und schalten Sie den Blitz aus.
reason-TOO_DARK = Das Foto ist zu dunkel – gehen Sie an einen helleren Ort und versuchen Sie es erneut.
reason-LOW_RESOLUTION = Das Foto ist zu klein, um es zu lesen – gehen Sie näher heran, sodass das Dokument das Bild ausfüllt, oder laden Sie ein schärferes Bild hoch.
reason-DOCUMENT_NOT_FOUND = Wir konnten Ihr Dokument auf dem Foto nicht finden – legen Sie es auf eine einfarbige Fläche, mit allen vier Ecken im Bild.
reason-UNSUPPORTED_FILE = Diese Datei können wir nicht öffnen – laden Sie ein Foto (JPEG, PNG, WebP oder HEIC) oder ein PDF hoch.
reason-MRZ_NOT_FOUND = Wir konnten die Zeilen aus Buchstaben und Pfeilen unten auf Ihrem Dokument nicht finden – achten Sie darauf, dass sie auf dem Foto und nicht verdeckt sind.
reason-MRZ_UNREADABLE = Die Zeilen aus Buchstaben und Pfeilen unten auf Ihrem Dokument sind schwer zu lesen – fotografieren Sie es erneut bei gutem Licht und ohne Spiegelungen.
reason-MRZ_CHECKSUM = Wir konnten die Angaben Ihres Dokuments nicht automatisch bestätigen. Unser Team prüft sie und meldet sich bei Ihnen.
reason-DOCUMENT_EXPIRED = Ihr Dokument ist abgelaufen – bitte verwenden Sie ein Ausweisdokument, das noch gültig ist.
reason-UNSUPPORTED_DOCUMENT = Diese Dokumentart oder dieses Ausstellungsland wird hier nicht akzeptiert – bitte verwenden Sie ein anderes Ausweisdokument.
reason-DATA_MISMATCH = Die Angaben auf Ihrem Dokument stimmen nicht mit den Angaben überein, die uns vorliegen. Unser Team prüft sie und meldet sich bei Ihnen.
reason-UNDERAGE = Sie haben das Mindestalter für diesen Dienst nicht erreicht. Bitte wenden Sie sich an den Dienst, der Sie hierher geschickt hat.
reason-NO_FACE_FOUND = Wir konnten Ihr Gesicht nicht deutlich erkennen – schauen Sie bei gutem Licht in die Kamera, ohne dass etwas Ihr Gesicht verdeckt.
reason-BAD_FACE_MATCHING = Ihr Selfie passt nicht zum Foto auf Ihrem Dokument – nehmen Sie das Selfie selbst noch einmal auf, bei gutem Licht und mit Blick in die Kamera.
reason-LIVENESS_FAILED = Die Live-Prüfung hat nicht geklappt – folgen Sie den Anweisungen auf dem Bildschirm, bei gutem Licht, und halten Sie Ihr Gesicht im Rahmen.
reason-SANCTIONS_MATCH = Wir müssen noch einige Angaben prüfen. Unser Team meldet sich bei Ihnen.
reason-PEP_MATCH = Wir müssen noch einige Angaben prüfen. Unser Team meldet sich bei Ihnen.
reason-DUPLICATE_APPLICANT = Wir müssen noch einige Angaben prüfen. Unser Team meldet sich bei Ihnen.
reason-CHECK_ERROR = Wir müssen noch einige Angaben prüfen. Unser Team meldet sich bei Ihnen.
reason-DOCUMENT_MISSING = Wir haben kein Foto Ihres Ausweisdokuments erhalten – bitte fügen Sie eines hinzu und versuchen Sie es erneut.
reason-MULTIPLE_FACES = Auf dem Bild ist mehr als ein Gesicht zu sehen – achten Sie darauf, dass nur Sie im Bild sind, und versuchen Sie es erneut.
reason-FACE_MATCH_UNCERTAIN = Wir konnten nicht bestätigen, dass Ihr Selfie zum Foto auf Ihrem Dokument passt. Unser Team prüft es und meldet sich bei Ihnen.
reason-POSSIBLE_SPOOF = Wir müssen noch einige Angaben prüfen. Unser Team meldet sich bei Ihnen.
reason-DUPLICATE_FACE = Wir müssen noch einige Angaben prüfen. Unser Team meldet sich bei Ihnen.
reason-SELFIE_MISSING = Wir haben Ihr Selfie nicht erhalten – bitte nehmen Sie eines auf und versuchen Sie es erneut.
reason-SANCTIONS_POSSIBLE_MATCH = Wir müssen noch einige Angaben prüfen. Unser Team meldet sich bei Ihnen.
reason-PEP_POSSIBLE_MATCH = Wir müssen noch einige Angaben prüfen. Unser Team meldet sich bei Ihnen.

## Continue on your phone (QR handoff): the offer on the capture step, and the page of a
## handoff link that was already used or has expired.

handoff-title = Auf dem Handy fortfahren
handoff-intro = Keine Kamera hier oder eine bessere auf dem Handy? Fahren Sie auf Ihrem Handy fort; diese Seite geht mit.
handoff-show = Code für mein Handy anzeigen
handoff-qr-alt = QR-Code: Scannen Sie ihn mit der Kamera Ihres Handys, um die Verifizierung dort fortzusetzen
handoff-once = Der Code funktioniert nur einmal und nur wenige Minuten. Geben Sie ihn nicht weiter.
handoff-waiting = Warten auf Ihr Handy …
handoff-opened = Ihr Handy hat den Link geöffnet. Machen Sie dort weiter; diese Seite geht weiter, sobald Sie fertig sind.
handoff-new-code = Neuen Code anzeigen
handoff-used-title = Dieser Link wurde bereits verwendet
handoff-used-body = Ein Link zum Fortfahren auf einem anderen Gerät funktioniert nur einmal. Gehen Sie zurück zum anderen Bildschirm und lassen Sie einen neuen Code anzeigen.
handoff-expired-title = Dieser Link ist abgelaufen
handoff-expired-body = Ein Link zum Fortfahren auf einem anderen Gerät funktioniert nur wenige Minuten. Gehen Sie zurück zum anderen Bildschirm und lassen Sie einen neuen Code anzeigen.

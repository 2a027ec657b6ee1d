# Kyra applicant journey — Nederlands. Same messages as en/journey.ftl.

page-title = Identiteitsverificatie
loading = Laden…

language-label = Taal
language-change = Taal wijzigen

not-found-title = Pagina niet gevonden
not-found-body = Dit adres leidt nergens naartoe. Controleer de link die u hebt ontvangen.

link-invalid-title = Deze link is niet geldig
link-invalid-body = De verificatielink is onvolledig of niet meer geldig. Vraag de dienst die hem heeft gestuurd om een nieuwe.
link-expired-title = Deze link is verlopen
link-expired-body = Voor uw veiligheid zijn verificatielinks maar beperkte tijd geldig. Vraag de dienst die hem heeft gestuurd om een nieuwe link.
link-finished-title = Deze verificatie is afgerond
link-finished-body = Hier hoeft u niets meer te doen. U kunt deze pagina sluiten.
unavailable-title = We konden uw verificatie niet laden
unavailable-body = Er ging bij ons iets mis. Probeer het over een minuut opnieuw.

welcome-title = Bevestig uw identiteit
welcome-intro = { $tenant } vraagt u te bevestigen wie u bent. Dit duurt ongeveer { $minutes ->
        [one] één minuut
       *[other] { $minutes } minuten
    }.
welcome-needs = U hebt nodig:
need-document = een identiteitsbewijs: paspoort, identiteitskaart, rijbewijs of verblijfsvergunning
need-selfie = een apparaat met een camera om een selfie te maken
consent-heading = Uw toestemming
consent-agree = Ik heb de hierboven beschreven verwerking van mijn gegevens gelezen en ga ermee akkoord.
consent-continue = Doorgaan
consent-failed = We konden uw antwoord niet opslaan. Probeer het opnieuw.

consent-builtin-2026-11-01 = Om uw identiteit te verifiëren verwerken we de foto’s van uw identiteitsbewijs en van uw gezicht, en de persoonsgegevens die erin staan. We vergelijken ze met elkaar en controleren ze aan de hand van sanctielijsten en lijsten van politiek prominente personen. Uw gegevens worden alleen voor deze verificatie verwerkt, versleuteld opgeslagen en verwijderd wanneer de bewaartermijn afloopt van de dienst die u hierheen heeft gestuurd.

document-title = Kies uw document
document-intro = Bedankt. Kies nu het identiteitsbewijs dat u gaat fotograferen.
document-type-label = Soort document
document-country-label = Land van afgifte
document-country-placeholder = Kies een land
document-sides-one = Je uploadt de pagina met de foto.
document-sides-two = Je uploadt de voorkant en de achterkant.
doc-passport = Paspoort
doc-national-id = Identiteitskaart
doc-drivers-license = Rijbewijs
doc-residence-permit = Verblijfsvergunning
side-photo-page = Pagina met de foto
side-front = Voorkant
side-back = Achterkant
action-failed = Er ging iets mis. Probeer het opnieuw.
upload-title = Upload je document
upload-hint = Een scherpe foto of scan van het hele document: JPEG, PNG, WebP, HEIC of PDF, tot { $megabytes } MB.
upload-choose = Kies een bestand
upload-drop = of sleep het hierheen
upload-preview = Voorbeeld van het gekozen bestand
upload-choose-another = Kies een ander
upload-send = Uploaden
upload-sending = Bezig met uploaden…
upload-wrong-type = Dit bestand is geen foto of pdf. Kies een JPEG-, PNG-, WebP- of HEIC-foto, of een pdf.
upload-too-large = Dit bestand is te groot. Kies een bestand van hoogstens { $megabytes } MB.
upload-damaged = Dit bestand is beschadigd of onvolledig. Kies een ander bestand.
upload-failed = Het uploaden is mislukt. Probeer het opnieuw.

# Live camera, selfie and liveness.
camera-open = Maak een foto met je camera
camera-hint-document = Leg het document plat binnen het kader, volledig zichtbaar en zonder schittering.
camera-view = Camerabeeld
camera-starting = Camera wordt gestart…
camera-capture = Foto maken
camera-retake = Opnieuw
camera-use = Deze foto gebruiken
camera-upload-instead = Toch een bestand uploaden
camera-too-small = Deze afbeelding is te klein om te lezen. Gebruik een foto van minstens 800 × 600 pixels.
camera-retry = Dat is niet gelukt. Probeer het opnieuw.
camera-try-again = Opnieuw proberen
camera-problem-title = De camera kan niet worden gebruikt
camera-denied = Deze pagina heeft geen toestemming om de camera te gebruiken.
camera-not-found = Er is geen camera gevonden op dit apparaat.
camera-in-use = De camera wordt door een andere app gebruikt.
camera-insecure = De camera werkt alleen op een beveiligde pagina (https).
camera-webview = De ingebouwde browser van deze app kan de camera niet gebruiken.
camera-failed = De camera kon niet worden gestart.
camera-fix-ios = Op iPhone of iPad: open Instellingen › Safari › Camera, kies Sta toe en laad deze pagina opnieuw.
camera-fix-android = In Chrome op Android: tik op het pictogram links van het adres, open Rechten, sta de camera toe en laad deze pagina opnieuw.
camera-fix-chrome = In Chrome: klik op het camerapictogram in de adresbalk, kies altijd toestaan en laad deze pagina opnieuw.
camera-fix-firefox = In Firefox: klik op het camerapictogram in de adresbalk, hef de blokkering op en laad deze pagina opnieuw.
camera-fix-safari = In Safari: open Safari › Instellingen voor deze website, zet Camera op Sta toe en laad deze pagina opnieuw.
camera-fix-other = Geef deze site in de instellingen van je browser toestemming voor de camera en laad deze pagina opnieuw.
camera-fix-not-found = Sluit een camera aan of ga verder op een telefoon.
camera-fix-in-use = Sluit andere apps of tabbladen die de camera gebruiken en probeer het opnieuw.
camera-fix-insecure = Open de link precies zoals je hem hebt ontvangen, beginnend met https://.
camera-fix-webview = Open deze link in de browser van je telefoon (Safari of Chrome) of ga verder op een ander apparaat.
selfie-title = Maak een selfie
selfie-intro = Houd je gezicht binnen het ovaal en kijk in de camera. Je gezicht moet onbedekt en goed verlicht zijn.
selfie-take = Selfie maken
liveness-turn-left = Draai je hoofd langzaam naar links
liveness-turn-right = Draai je hoofd langzaam naar rechts
liveness-move-closer = Kom langzaam dichter bij de camera
liveness-look-up = Kijk langzaam omhoog
liveness-recording = Opnemen…
review-selfie = Je selfie
review-selfie-done = Gemaakt, met de echtheidscontrole

review-title = Controleren en versturen
review-intro = Dit sturen we ter controle op:
review-uploaded = Geüpload
review-change = Kies een ander document
review-submit = Versturen ter controle
processing-title = We controleren je gegevens
processing-intro = Dit duurt meestal minder dan een minuut. Houd deze pagina open.
check-document = Identiteitsbewijs
check-sanctions = Sanctielijsten
check-pep = Politiek prominente personen
check-duplicates = Controle op dubbele aanvragen
check-face = Gezichtscontrole
check-other = Andere controle
check-waiting = wacht
check-running = bezig
check-done = klaar
outcome-approved-title = Je bent geverifieerd
outcome-approved-body = Bedankt. Je identiteit is bevestigd.
outcome-retry-title = Laten we het opnieuw proberen
outcome-retry-body = We konden je document deze keer niet controleren:
outcome-retry-button = Opnieuw proberen
outcome-final-title = We konden je identiteit niet bevestigen
outcome-final-body = Deze verificatie kan niet worden afgerond. Neem contact op met de dienst die je hierheen heeft gestuurd.
outcome-review-title = We nemen contact met je op
outcome-review-body = We hebben wat meer tijd nodig om je gegevens te controleren. Je hoort snel van ons; je kunt deze pagina sluiten.
outcome-continue = Doorgaan

reason-IMAGE_BLURRY = De foto van uw document is onscherp — houd de camera stil en laat hem scherpstellen voordat u de foto maakt.
reason-GLARE = Te veel schittering — kantel de kaart van het licht af en zet de flitser uit.
reason-TOO_DARK = De foto is te donker — ga naar een lichtere plek en probeer het opnieuw.
reason-LOW_RESOLUTION = De foto is te klein om te lezen — kom dichterbij zodat het document het beeld vult, of upload een scherpere afbeelding.
reason-DOCUMENT_NOT_FOUND = We konden uw document niet vinden op de foto — leg het op een effen ondergrond, met alle vier de hoeken in beeld.
reason-UNSUPPORTED_FILE = We kunnen dit bestand niet openen — upload een foto (JPEG, PNG, WebP of HEIC) of een pdf.
reason-MRZ_NOT_FOUND = We konden de regels met letters en pijltjes onderaan uw document niet vinden — zorg dat ze op de foto staan en niet bedekt zijn.
reason-MRZ_UNREADABLE = De regels met letters en pijltjes onderaan uw document zijn slecht leesbaar — maak de foto opnieuw bij goed licht, zonder schittering.
reason-MRZ_CHECKSUM = We konden de gegevens van uw document niet automatisch bevestigen. Ons team controleert ze en neemt contact met u op.
reason-DOCUMENT_EXPIRED = Uw document is verlopen — gebruik een identiteitsbewijs dat nog geldig is.
reason-UNSUPPORTED_DOCUMENT = Dit type document of land van afgifte wordt hier niet geaccepteerd — gebruik een ander identiteitsbewijs.
reason-DATA_MISMATCH = De gegevens op uw document komen niet overeen met de gegevens die wij hebben ontvangen. Ons team controleert ze en neemt contact met u op.
reason-UNDERAGE = U voldoet niet aan de minimumleeftijd voor deze dienst. Neem contact op met de dienst die u hierheen heeft gestuurd.
reason-NO_FACE_FOUND = We konden uw gezicht niet goed zien — kijk bij goed licht in de camera, zonder dat iets uw gezicht bedekt.
reason-BAD_FACE_MATCHING = Je selfie komt niet overeen met de foto op je document — maak de selfie zelf opnieuw, recht in de camera en bij goed licht.
reason-LIVENESS_FAILED = De livecontrole is niet gelukt — volg de instructies op het scherm, bij goed licht, en houd uw gezicht binnen het kader.
reason-SANCTIONS_MATCH = We moeten nog een paar gegevens controleren. Ons team neemt contact met u op.
reason-PEP_MATCH = We moeten nog een paar gegevens controleren. Ons team neemt contact met u op.
reason-DUPLICATE_APPLICANT = We moeten nog een paar gegevens controleren. Ons team neemt contact met u op.
reason-CHECK_ERROR = We moeten nog een paar gegevens controleren. Ons team neemt contact met u op.
reason-DOCUMENT_MISSING = We hebben geen foto van je identiteitsbewijs ontvangen — voeg er een toe en probeer het opnieuw.
reason-MULTIPLE_FACES = Er staat meer dan één gezicht in beeld — zorg dat alleen jij in beeld bent en probeer het opnieuw.
reason-FACE_MATCH_UNCERTAIN = We konden niet bevestigen dat uw selfie overeenkomt met de foto op uw document. Ons team controleert het en neemt contact met u op.
reason-POSSIBLE_SPOOF = We moeten nog een paar gegevens controleren. Ons team neemt contact met u op.
reason-DUPLICATE_FACE = We moeten nog een paar gegevens controleren. Ons team neemt contact met u op.
reason-SELFIE_MISSING = We hebben je selfie niet ontvangen — maak er een en probeer het opnieuw.
reason-SANCTIONS_POSSIBLE_MATCH = We moeten nog een paar gegevens controleren. Ons team neemt contact met u op.
reason-PEP_POSSIBLE_MATCH = We moeten nog een paar gegevens controleren. Ons team neemt contact met u op.

## Continue on your phone (QR handoff): the offer on the capture step, and the page of a
## handoff link that was already used or has expired.

handoff-title = Verder op je telefoon
handoff-intro = Geen camera hier, of een betere op je telefoon? Ga verder op je telefoon; deze pagina volgt mee.
handoff-show = Toon een code voor mijn telefoon
handoff-qr-alt = QR-code: scan hem met de camera van je telefoon om deze verificatie daar voort te zetten
handoff-once = De code werkt één keer en maar een paar minuten. Deel hem niet.
handoff-waiting = Wachten op je telefoon…
handoff-opened = Je telefoon heeft de link geopend. Ga daar verder; deze pagina gaat mee zodra je klaar bent.
handoff-new-code = Toon een nieuwe code
handoff-used-title = Deze link is al gebruikt
handoff-used-body = Een link om op een ander apparaat verder te gaan werkt maar één keer. Ga terug naar het andere scherm en toon een nieuwe code.
handoff-expired-title = Deze link is verlopen
handoff-expired-body = Een link om op een ander apparaat verder te gaan werkt maar een paar minuten. Ga terug naar het andere scherm en toon een nieuwe code.

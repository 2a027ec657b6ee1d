# Kyra applicant journey — italiano. Same messages as en/journey.ftl.

page-title = Verifica dell’identità
loading = Caricamento…

language-label = Lingua
language-change = Cambia lingua

not-found-title = Pagina non trovata
not-found-body = Questo indirizzo non porta da nessuna parte. Controlla il link che hai ricevuto.

link-invalid-title = Questo link non è valido
link-invalid-body = Il link di verifica è incompleto o non è più valido. Chiedine uno nuovo al servizio che te l’ha inviato.
link-expired-title = Questo link è scaduto
link-expired-body = Per la tua sicurezza, i link di verifica sono validi solo per un periodo limitato. Chiedi un nuovo link al servizio che te l’ha inviato.
link-finished-title = Questa verifica è conclusa
link-finished-body = Non c’è più nulla da fare qui. Puoi chiudere questa pagina.
unavailable-title = Non è stato possibile caricare la tua verifica
unavailable-body = Qualcosa non ha funzionato da parte nostra. Riprova tra un minuto.

welcome-title = Verifica la tua identità
welcome-intro = { $tenant } ti chiede di confermare la tua identità. Ci vogliono circa { $minutes ->
        [one] un minuto
       *[other] { $minutes } minuti
    }.
welcome-needs = Ti serviranno:
need-document = un documento d’identità: passaporto, carta d’identità, patente di guida o permesso di soggiorno
need-selfie = un dispositivo con fotocamera per scattare un selfie
consent-heading = Il tuo consenso
consent-agree = Ho letto e acconsento al trattamento dei miei dati descritto sopra.
consent-continue = Continua
consent-failed = Non è stato possibile salvare la tua risposta. Riprova.

consent-builtin-2026-11-01 = Per verificare la tua identità trattiamo le foto del tuo documento d’identità e del tuo volto, insieme ai dati personali che contengono. Le confrontiamo tra loro e le verifichiamo rispetto alle liste di sanzioni e di persone politicamente esposte. I tuoi dati sono trattati solo per questa verifica, conservati in forma cifrata e cancellati al termine del periodo di conservazione del servizio che ti ha indirizzato qui.

document-title = Scegli il tuo documento
document-intro = Grazie. Ora scegli il documento d’identità che fotograferai.
document-type-label = Tipo di documento
document-country-label = Paese di rilascio
document-country-placeholder = Scegli un paese
document-sides-one = Caricherai la pagina con la foto.
document-sides-two = Caricherai il fronte e il retro.
doc-passport = Passaporto
doc-national-id = Carta d'identità
doc-drivers-license = Patente di guida
doc-residence-permit = Permesso di soggiorno
side-photo-page = Pagina con la foto
side-front = Fronte
side-back = Retro
action-failed = Qualcosa è andato storto. Riprova.
upload-title = Carica il tuo documento
upload-hint = Una foto nitida o una scansione dell'intero documento: JPEG, PNG, WebP, HEIC o PDF, fino a { $megabytes } MB.
upload-choose = Scegli un file
upload-drop = oppure trascinalo qui
upload-preview = Anteprima del file scelto
upload-choose-another = Scegline un altro
upload-send = Carica
upload-sending = Caricamento…
upload-wrong-type = Questo file non è né una foto né un PDF. Scegli una foto JPEG, PNG, WebP o HEIC, oppure un PDF.
upload-too-large = Questo file è troppo grande. Scegli un file di al massimo { $megabytes } MB.
upload-damaged = Questo file è danneggiato o incompleto. Scegline un altro.
upload-failed = Il caricamento non è riuscito. Riprova.

# Live camera, selfie and liveness.
camera-open = Scatta una foto con la fotocamera
camera-hint-document = Appoggia il documento piatto dentro la cornice, interamente visibile e senza riflessi.
camera-view = Immagine della fotocamera
camera-starting = Avvio della fotocamera…
camera-capture = Scatta la foto
camera-retake = Rifai
camera-use = Usa questa foto
camera-upload-instead = Carica invece un file
camera-too-small = Questa immagine è troppo piccola per essere letta. Usa una foto di almeno 800 × 600 pixel.
camera-retry = Non ha funzionato. Riprova.
camera-try-again = Riprova
camera-problem-title = Non è possibile usare la fotocamera
camera-denied = Questa pagina non è stata autorizzata a usare la fotocamera.
camera-not-found = Su questo dispositivo non è stata trovata alcuna fotocamera.
camera-in-use = La fotocamera è usata da un'altra app.
camera-insecure = La fotocamera funziona solo su una pagina sicura (https).
camera-webview = Il browser integrato di questa app non può usare la fotocamera.
camera-failed = Non è stato possibile avviare la fotocamera.
camera-fix-ios = Su iPhone o iPad: apri Impostazioni › Safari › Fotocamera, scegli Consenti, poi ricarica questa pagina.
camera-fix-android = In Chrome su Android: tocca l'icona a sinistra dell'indirizzo, apri Autorizzazioni, consenti la fotocamera, poi ricarica questa pagina.
camera-fix-chrome = In Chrome: fai clic sull'icona della fotocamera nella barra degli indirizzi, scegli di consentire sempre, poi ricarica questa pagina.
camera-fix-firefox = In Firefox: fai clic sull'icona della fotocamera nella barra degli indirizzi, rimuovi il blocco, poi ricarica questa pagina.
camera-fix-safari = In Safari: apri Safari › Impostazioni per questo sito web, imposta Fotocamera su Consenti, poi ricarica questa pagina.
camera-fix-other = Consenti a questo sito di usare la fotocamera nelle impostazioni del browser, poi ricarica questa pagina.
camera-fix-not-found = Collega una fotocamera oppure continua su un telefono.
camera-fix-in-use = Chiudi le altre app o schede che usano la fotocamera, poi riprova.
camera-fix-insecure = Apri il link esattamente come l'hai ricevuto, che inizia con https://.
camera-fix-webview = Apri questo link nel browser del telefono (Safari o Chrome) oppure continua su un altro dispositivo.
selfie-title = Scatta un selfie
selfie-intro = Metti il viso dentro l'ovale e guarda la fotocamera. Il viso deve essere scoperto e ben illuminato.
selfie-take = Scatta il selfie
liveness-turn-left = Gira lentamente la testa a sinistra
liveness-turn-right = Gira lentamente la testa a destra
liveness-move-closer = Avvicinati lentamente alla fotocamera
liveness-look-up = Guarda lentamente in alto
liveness-recording = Registrazione…
review-selfie = Il tuo selfie
review-selfie-done = Scattato, con la verifica di presenza

review-title = Controlla e invia
review-intro = Ecco cosa invieremo per la verifica:
review-uploaded = Caricato
review-change = Scegli un altro documento
review-submit = Invia per la verifica
processing-title = Stiamo verificando i tuoi dati
processing-intro = Di solito richiede meno di un minuto. Tieni aperta questa pagina.
check-document = Documento d'identità
check-sanctions = Liste di sanzioni
check-pep = Persone politicamente esposte
check-duplicates = Controllo dei duplicati
check-face = Controllo del volto
check-other = Altro controllo
check-waiting = in attesa
check-running = in corso
check-done = completato
outcome-approved-title = La tua identità è verificata
outcome-approved-body = Grazie. La tua identità è stata confermata.
outcome-retry-title = Riproviamo
outcome-retry-body = Questa volta non siamo riusciti a verificare il tuo documento:
outcome-retry-button = Riprova
outcome-final-title = Non siamo riusciti a verificare la tua identità
outcome-final-body = Questa verifica non può essere completata. Contatta il servizio che ti ha mandato qui.
outcome-review-title = Ti contatteremo
outcome-review-body = Ci serve un po' più di tempo per controllare i tuoi dati. Avrai presto nostre notizie; puoi chiudere questa pagina.
outcome-continue = Continua

reason-IMAGE_BLURRY = La foto del documento è sfocata: tieni ferma la fotocamera e lascia che metta a fuoco prima di scattare.
reason-GLARE = Troppi riflessi: inclina il documento lontano dalla luce e disattiva il flash.
reason-TOO_DARK = La foto è troppo scura: spostati in un luogo più luminoso e riprova.
reason-LOW_RESOLUTION = La foto è troppo piccola per essere letta: avvicinati in modo che il documento riempia l’inquadratura, oppure carica un’immagine più nitida.
reason-DOCUMENT_NOT_FOUND = Non abbiamo trovato il documento nella foto: appoggialo su una superficie uniforme, con tutti e quattro gli angoli nell’inquadratura.
reason-UNSUPPORTED_FILE = Non riusciamo ad aprire questo file: carica una foto (JPEG, PNG, WebP o HEIC) o un PDF.
reason-MRZ_NOT_FOUND = Non abbiamo trovato le righe di lettere e frecce in fondo al documento: assicurati che siano nella foto e non coperte.
reason-MRZ_UNREADABLE = Le righe di lettere e frecce in fondo al documento sono difficili da leggere: scatta di nuovo la foto con una buona luce, senza riflessi.
reason-MRZ_CHECKSUM = Non è stato possibile confermare automaticamente i dati del tuo documento. Il nostro team li controllerà e ti ricontatterà.
reason-DOCUMENT_EXPIRED = Il tuo documento è scaduto: usa un documento d’identità ancora valido.
reason-UNSUPPORTED_DOCUMENT = Questo tipo di documento o paese di rilascio non è accettato qui: usa un altro documento d’identità.
reason-DATA_MISMATCH = I dati del tuo documento non corrispondono a quelli che ci sono stati forniti. Il nostro team li controllerà e ti ricontatterà.
reason-UNDERAGE = Non hai l’età minima richiesta per questo servizio. Contatta il servizio che ti ha indirizzato qui.
reason-NO_FACE_FOUND = Non riusciamo a vedere bene il tuo volto: guarda la fotocamera con una buona luce, senza nulla che copra il viso.
reason-BAD_FACE_MATCHING = Il tuo selfie non corrisponde alla foto del documento: rifai tu stesso il selfie, guardando la fotocamera e con una buona luce.
reason-LIVENESS_FAILED = La verifica dal vivo non è riuscita: segui le istruzioni sullo schermo, con una buona luce, e tieni il viso dentro la cornice.
reason-SANCTIONS_MATCH = Dobbiamo verificare ancora alcuni dati. Il nostro team ti ricontatterà.
reason-PEP_MATCH = Dobbiamo verificare ancora alcuni dati. Il nostro team ti ricontatterà.
reason-DUPLICATE_APPLICANT = Dobbiamo verificare ancora alcuni dati. Il nostro team ti ricontatterà.
reason-CHECK_ERROR = Dobbiamo verificare ancora alcuni dati. Il nostro team ti ricontatterà.
reason-DOCUMENT_MISSING = Non abbiamo ricevuto la foto del tuo documento d’identità: aggiungine una e riprova.
reason-MULTIPLE_FACES = Nell’immagine c’è più di un volto: assicurati di essere solo tu nell’inquadratura e riprova.
reason-FACE_MATCH_UNCERTAIN = Non è stato possibile confermare che il selfie corrisponda alla foto del documento. Il nostro team lo controllerà e ti ricontatterà.
reason-POSSIBLE_SPOOF = Dobbiamo verificare ancora alcuni dati. Il nostro team ti ricontatterà.
reason-DUPLICATE_FACE = Dobbiamo verificare ancora alcuni dati. Il nostro team ti ricontatterà.
reason-SELFIE_MISSING = Non abbiamo ricevuto il tuo selfie: scattane uno e riprova.
reason-SANCTIONS_POSSIBLE_MATCH = Dobbiamo verificare ancora alcuni dati. Il nostro team ti ricontatterà.
reason-PEP_POSSIBLE_MATCH = Dobbiamo verificare ancora alcuni dati. Il nostro team ti ricontatterà.

## Continue on your phone (QR handoff): the offer on the capture step, and the page of a
## handoff link that was already used or has expired.

handoff-title = Continua sul telefono
handoff-intro = Nessuna fotocamera qui, o quella del telefono è migliore? Continua sul telefono; questa pagina ti segue.
handoff-show = Mostra un codice per il mio telefono
handoff-qr-alt = Codice QR: scansionalo con la fotocamera del telefono per continuare lì questa verifica
handoff-once = Il codice funziona una sola volta e solo per pochi minuti. Non condividerlo.
handoff-waiting = In attesa del telefono…
handoff-opened = Il telefono ha aperto il link. Continua lì; questa pagina andrà avanti quando avrai finito.
handoff-new-code = Mostra un nuovo codice
handoff-used-title = Questo link è già stato usato
handoff-used-body = Un link per continuare su un altro dispositivo funziona una sola volta. Torna all’altro schermo e mostra un nuovo codice.
handoff-expired-title = Questo link è scaduto
handoff-expired-body = Un link per continuare su un altro dispositivo funziona solo per pochi minuti. Torna all’altro schermo e mostra un nuovo codice.

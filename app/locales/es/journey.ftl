# Kyra applicant journey — español. Same messages as en/journey.ftl.

page-title = Verificación de identidad
loading = Cargando…

language-label = Idioma
language-change = Cambiar idioma

not-found-title = Página no encontrada
not-found-body = Esta dirección no lleva a ninguna parte. Comprueba el enlace que recibiste.

link-invalid-title = Este enlace no es válido
link-invalid-body = El enlace de verificación está incompleto o ya no es válido. Pide uno nuevo al servicio que te lo envió.
link-expired-title = Este enlace ha caducado
link-expired-body = Por tu seguridad, los enlaces de verificación solo son válidos durante un tiempo limitado. Pide un enlace nuevo al servicio que te lo envió.
link-finished-title = Esta verificación ha finalizado
link-finished-body = Ya no queda nada por hacer aquí. Puedes cerrar esta página.
unavailable-title = No hemos podido cargar tu verificación
unavailable-body = Algo ha fallado por nuestra parte. Vuelve a intentarlo dentro de un minuto.

welcome-title = Verifica tu identidad
welcome-intro = { $tenant } te pide que confirmes tu identidad. Se tarda unos { $minutes ->
        [one] un minuto
       *[other] { $minutes } minutos
    }.
welcome-needs = Necesitarás:
need-document = un documento de identidad: pasaporte, documento nacional de identidad, permiso de conducir o permiso de residencia
need-selfie = un dispositivo con cámara para hacerte un selfi
consent-heading = Tu consentimiento
consent-agree = He leído y acepto el tratamiento de mis datos descrito arriba.
consent-continue = Continuar
consent-failed = No hemos podido guardar tu respuesta. Inténtalo de nuevo.

consent-builtin-2026-11-01 = Para verificar tu identidad tratamos las fotos de tu documento de identidad y de tu cara, así como los datos personales que contienen. Las comparamos entre sí y las cotejamos con listas de sanciones y de personas con responsabilidad pública. Tus datos se tratan únicamente para esta verificación, se guardan cifrados y se eliminan cuando termina el plazo de conservación del servicio que te envió aquí.

document-title = Elige tu documento
document-intro = Gracias. A continuación, elige el documento de identidad que vas a fotografiar.
document-type-label = Tipo de documento
document-country-label = País de expedición
document-country-placeholder = Elige un país
document-sides-one = Subirás la página con la foto.
document-sides-two = Subirás el anverso y el reverso.
doc-passport = Pasaporte
doc-national-id = Documento nacional de identidad
doc-drivers-license = Permiso de conducir
doc-residence-permit = Permiso de residencia
side-photo-page = Página con la foto
side-front = Anverso
side-back = Reverso
action-failed = Algo salió mal. Inténtalo de nuevo.
upload-title = Sube tu documento
upload-hint = Una foto nítida o un escaneo del documento completo: JPEG, PNG, WebP, HEIC o PDF, de hasta { $megabytes } MB.
upload-choose = Elegir un archivo
upload-drop = o arrástralo y suéltalo aquí
upload-preview = Vista previa del archivo elegido
upload-choose-another = Elegir otro
upload-send = Subir
upload-sending = Subiendo…
upload-wrong-type = Este archivo no es una foto ni un PDF. Elige una foto JPEG, PNG, WebP o HEIC, o un PDF.
upload-too-large = Este archivo es demasiado grande. Elige un archivo de { $megabytes } MB como máximo.
upload-damaged = Este archivo está dañado o incompleto. Elige otro.
upload-failed = No se pudo subir el archivo. Inténtalo de nuevo.

# Live camera, selfie and liveness.
camera-open = Hacer una foto con la cámara
camera-hint-document = Coloque el documento plano dentro del marco, completamente visible y sin reflejos.
camera-view = Imagen de la cámara
camera-starting = Iniciando la cámara…
camera-capture = Hacer la foto
camera-retake = Repetir
camera-use = Usar esta foto
camera-upload-instead = Subir un archivo en su lugar
camera-too-small = Esta imagen es demasiado pequeña para leerla. Use una foto de al menos 800 × 600 píxeles.
camera-retry = No ha funcionado. Inténtelo de nuevo.
camera-try-again = Intentar de nuevo
camera-problem-title = No se puede usar la cámara
camera-denied = Esta página no tiene permiso para usar la cámara.
camera-not-found = No se ha encontrado ninguna cámara en este dispositivo.
camera-in-use = Otra aplicación está usando la cámara.
camera-insecure = La cámara solo funciona en una página segura (https).
camera-webview = El navegador integrado de esta aplicación no puede usar la cámara.
camera-failed = No se ha podido iniciar la cámara.
camera-fix-ios = En iPhone o iPad: abra Ajustes › Safari › Cámara, elija Permitir y vuelva a cargar esta página.
camera-fix-android = En Chrome para Android: toque el icono a la izquierda de la dirección, abra Permisos, permita la cámara y vuelva a cargar esta página.
camera-fix-chrome = En Chrome: haga clic en el icono de la cámara en la barra de direcciones, elija permitir siempre y vuelva a cargar esta página.
camera-fix-firefox = En Firefox: haga clic en el icono de la cámara en la barra de direcciones, quite el bloqueo y vuelva a cargar esta página.
camera-fix-safari = En Safari: abra Safari › Ajustes de este sitio web, ponga Cámara en Permitir y vuelva a cargar esta página.
camera-fix-other = Permita que este sitio use la cámara en los ajustes de su navegador y vuelva a cargar esta página.
camera-fix-not-found = Conecte una cámara o continúe en un teléfono.
camera-fix-in-use = Cierre otras aplicaciones o pestañas que usen la cámara e inténtelo de nuevo.
camera-fix-insecure = Abra el enlace exactamente como lo recibió, empezando por https://.
camera-fix-webview = Abra este enlace en el navegador de su teléfono (Safari o Chrome) o continúe en otro dispositivo.
selfie-title = Hágase un selfie
selfie-intro = Coloque la cara dentro del óvalo y mire a la cámara. La cara debe estar descubierta y bien iluminada.
selfie-take = Hacer el selfie
liveness-turn-left = Gire la cabeza lentamente hacia la izquierda
liveness-turn-right = Gire la cabeza lentamente hacia la derecha
liveness-move-closer = Acérquese lentamente a la cámara
liveness-look-up = Mire lentamente hacia arriba
liveness-recording = Grabando…
review-selfie = Su selfie
review-selfie-done = Hecho, con la prueba de vida

review-title = Revisar y enviar
review-intro = Esto es lo que enviaremos para su verificación:
review-uploaded = Subido
review-change = Elegir otro documento
review-submit = Enviar para verificación
processing-title = Estamos verificando tus datos
processing-intro = Suele tardar menos de un minuto. Mantén esta página abierta.
check-document = Documento de identidad
check-sanctions = Listas de sanciones
check-pep = Personas expuestas políticamente
check-duplicates = Control de duplicados
check-face = Control facial
check-other = Otro control
check-waiting = en espera
check-running = en curso
check-done = terminado
outcome-approved-title = Tu identidad está verificada
outcome-approved-body = Gracias. Tu identidad ha sido confirmada.
outcome-retry-title = Intentémoslo de nuevo
outcome-retry-body = Esta vez no pudimos verificar tu documento:
outcome-retry-button = Intentar de nuevo
outcome-final-title = No pudimos verificar tu identidad
outcome-final-body = Esta verificación no se puede completar. Ponte en contacto con el servicio que te envió aquí.
outcome-review-title = Nos pondremos en contacto contigo
outcome-review-body = Necesitamos un poco más de tiempo para revisar tus datos. Pronto tendrás noticias nuestras; puedes cerrar esta página.
outcome-continue = Continuar

reason-IMAGE_BLURRY = La foto de tu documento está borrosa: sujeta la cámara sin moverla y deja que enfoque antes de hacer la foto.
reason-GLARE = Demasiados reflejos: inclina la tarjeta para apartarla de la luz y apaga el flash.
reason-TOO_DARK = La foto está demasiado oscura: busca un lugar con más luz y vuelve a intentarlo.
reason-LOW_RESOLUTION = La foto es demasiado pequeña para leerla: acércate para que el documento llene el encuadre o sube una imagen más nítida.
reason-DOCUMENT_NOT_FOUND = No hemos encontrado tu documento en la foto: colócalo sobre una superficie lisa, con las cuatro esquinas dentro del encuadre.
reason-UNSUPPORTED_FILE = No podemos abrir este archivo: sube una foto (JPEG, PNG, WebP o HEIC) o un PDF.
reason-MRZ_NOT_FOUND = No hemos encontrado las líneas de letras y flechas de la parte inferior de tu documento: asegúrate de que salen en la foto y no están tapadas.
reason-MRZ_UNREADABLE = Las líneas de letras y flechas de la parte inferior de tu documento se leen mal: vuelve a hacer la foto con buena luz y sin reflejos.
reason-MRZ_CHECKSUM = No hemos podido confirmar automáticamente los datos de tu documento. Nuestro equipo los revisará y se pondrá en contacto contigo.
reason-DOCUMENT_EXPIRED = Tu documento ha caducado: utiliza un documento de identidad que siga siendo válido.
reason-UNSUPPORTED_DOCUMENT = Este tipo de documento o país de expedición no se acepta aquí: utiliza otro documento de identidad.
reason-DATA_MISMATCH = Los datos de tu documento no coinciden con los que nos facilitaron. Nuestro equipo los revisará y se pondrá en contacto contigo.
reason-UNDERAGE = No cumples la edad mínima para este servicio. Ponte en contacto con el servicio que te envió aquí.
reason-NO_FACE_FOUND = No vemos bien tu cara: mira a la cámara con buena luz y sin nada que te cubra la cara.
reason-BAD_FACE_MATCHING = Tu selfie no coincide con la foto de tu documento: vuelve a hacerte el selfie tú mismo, mirando a la cámara y con buena luz.
reason-LIVENESS_FAILED = La comprobación en vivo no ha funcionado: sigue las instrucciones de la pantalla, con buena luz, y mantén la cara dentro del marco.
reason-SANCTIONS_MATCH = Tenemos que comprobar algunos datos más. Nuestro equipo se pondrá en contacto contigo.
reason-PEP_MATCH = Tenemos que comprobar algunos datos más. Nuestro equipo se pondrá en contacto contigo.
reason-DUPLICATE_APPLICANT = Tenemos que comprobar algunos datos más. Nuestro equipo se pondrá en contacto contigo.
reason-CHECK_ERROR = Tenemos que comprobar algunos datos más. Nuestro equipo se pondrá en contacto contigo.
reason-DOCUMENT_MISSING = No hemos recibido ninguna foto de tu documento de identidad: añade una y vuelve a intentarlo.
reason-MULTIPLE_FACES = Hay más de una cara en la imagen: asegúrate de que solo apareces tú y vuelve a intentarlo.
reason-FACE_MATCH_UNCERTAIN = No hemos podido confirmar que tu selfi coincida con la foto de tu documento. Nuestro equipo lo revisará y se pondrá en contacto contigo.
reason-POSSIBLE_SPOOF = Tenemos que comprobar algunos datos más. Nuestro equipo se pondrá en contacto contigo.
reason-DUPLICATE_FACE = Tenemos que comprobar algunos datos más. Nuestro equipo se pondrá en contacto contigo.
reason-SELFIE_MISSING = No hemos recibido tu selfie: hazte uno y vuelve a intentarlo.
reason-SANCTIONS_POSSIBLE_MATCH = Tenemos que comprobar algunos datos más. Nuestro equipo se pondrá en contacto contigo.
reason-PEP_POSSIBLE_MATCH = Tenemos que comprobar algunos datos más. Nuestro equipo se pondrá en contacto contigo.

## Continue on your phone (QR handoff): the offer on the capture step, and the page of a
## handoff link that was already used or has expired.

handoff-title = Continuar en tu móvil
handoff-intro = ¿No hay cámara aquí o la de tu móvil es mejor? Continúa en tu móvil; esta página te sigue.
handoff-show = Mostrar un código para mi móvil
handoff-qr-alt = Código QR: escanéalo con la cámara de tu móvil para continuar allí esta verificación
handoff-once = El código funciona una sola vez y solo durante unos minutos. No lo compartas.
handoff-waiting = Esperando a tu móvil…
handoff-opened = Tu móvil ha abierto el enlace. Continúa allí; esta página avanzará cuando termines.
handoff-new-code = Mostrar un código nuevo
handoff-used-title = Este enlace ya se ha usado
handoff-used-body = Un enlace para continuar en otro dispositivo funciona una sola vez. Vuelve a la otra pantalla y muestra un código nuevo.
handoff-expired-title = Este enlace ha caducado
handoff-expired-body = Un enlace para continuar en otro dispositivo solo funciona durante unos minutos. Vuelve a la otra pantalla y muestra un código nuevo.

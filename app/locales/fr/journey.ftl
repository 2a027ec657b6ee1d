# Kyra applicant journey — français. Same messages as en/journey.ftl.

page-title = Vérification d’identité
loading = Chargement…

language-label = Langue
language-change = Changer de langue

not-found-title = Page introuvable
not-found-body = Cette adresse ne mène nulle part. Veuillez vérifier le lien que vous avez reçu.

link-invalid-title = Ce lien n’est pas valide
link-invalid-body = Le lien de vérification est incomplet ou n’est plus valide. Veuillez en demander un nouveau au service qui vous l’a envoyé.
link-expired-title = Ce lien a expiré
link-expired-body = Pour votre sécurité, les liens de vérification ne sont valables que pendant une durée limitée. Veuillez demander un nouveau lien au service qui vous l’a envoyé.
link-finished-title = Cette vérification est terminée
link-finished-body = Il n’y a plus rien à faire ici. Vous pouvez fermer cette page.
unavailable-title = Impossible de charger votre vérification
unavailable-body = Un problème est survenu de notre côté. Veuillez réessayer dans une minute.

welcome-title = Vérifiez votre identité
welcome-intro = { $tenant } vous demande de confirmer votre identité. Cela prend environ { $minutes ->
        [one] une minute
       *[other] { $minutes } minutes
    }.
welcome-needs = Vous aurez besoin :
need-document = d’une pièce d’identité : passeport, carte nationale d’identité, permis de conduire ou titre de séjour
need-selfie = d’un appareil doté d’une caméra pour prendre un selfie
consent-heading = Votre consentement
consent-agree = J’ai lu et j’accepte le traitement de mes données décrit ci-dessus.
consent-continue = Continuer
consent-failed = Nous n’avons pas pu enregistrer votre réponse. Veuillez réessayer.

consent-builtin-2026-11-01 = Pour vérifier votre identité, nous traitons les photos de votre pièce d’identité et de votre visage, ainsi que les données personnelles qu’elles contiennent. Nous les comparons entre elles et les vérifions au regard des listes de sanctions et des listes de personnes politiquement exposées. Vos données sont traitées uniquement pour cette vérification, stockées chiffrées et supprimées à la fin de la durée de conservation du service qui vous a envoyé ici.

document-title = Choisissez votre document
document-intro = Merci. Choisissez maintenant la pièce d’identité que vous allez photographier.
document-type-label = Type de document
document-country-label = Pays de délivrance
document-country-placeholder = Choisissez un pays
document-sides-one = Vous téléverserez la page avec la photo.
document-sides-two = Vous téléverserez le recto et le verso.
doc-passport = Passeport
doc-national-id = Carte nationale d'identité
doc-drivers-license = Permis de conduire
doc-residence-permit = Titre de séjour
side-photo-page = Page avec la photo
side-front = Recto
side-back = Verso
action-failed = Une erreur s'est produite. Veuillez réessayer.
upload-title = Téléversez votre document
upload-hint = Une photo nette ou un scan du document entier : JPEG, PNG, WebP, HEIC ou PDF, jusqu'à { $megabytes } Mo.
upload-choose = Choisir un fichier
upload-drop = ou glissez-le et déposez-le ici
upload-preview = Aperçu du fichier choisi
upload-choose-another = En choisir un autre
upload-send = Téléverser
upload-sending = Téléversement…
upload-wrong-type = Ce fichier n'est ni une photo ni un PDF. Veuillez choisir une photo JPEG, PNG, WebP ou HEIC, ou un PDF.
upload-too-large = Ce fichier est trop volumineux. Veuillez choisir un fichier de { $megabytes } Mo au plus.
upload-damaged = Ce fichier est endommagé ou incomplet. Veuillez en choisir un autre.
upload-failed = Le téléversement a échoué. Veuillez réessayer.

# Live camera, selfie and liveness.
camera-open = Prendre une photo avec l'appareil photo
camera-hint-document = Placez le document à plat dans le cadre, entièrement visible et sans reflets.
camera-view = Image de la caméra
camera-starting = Démarrage de la caméra…
camera-capture = Prendre la photo
camera-retake = Reprendre
camera-use = Utiliser cette photo
camera-upload-instead = Envoyer plutôt un fichier
camera-too-small = Cette image est trop petite pour être lue. Utilisez une photo d'au moins 800 × 600 pixels.
camera-retry = Cela n'a pas fonctionné. Veuillez réessayer.
camera-try-again = Réessayer
camera-problem-title = La caméra ne peut pas être utilisée
camera-denied = Cette page n'a pas été autorisée à utiliser la caméra.
camera-not-found = Aucune caméra n'a été trouvée sur cet appareil.
camera-in-use = La caméra est utilisée par une autre application.
camera-insecure = La caméra ne fonctionne que sur une page sécurisée (https).
camera-webview = Le navigateur intégré de cette application ne peut pas utiliser la caméra.
camera-failed = La caméra n'a pas pu démarrer.
camera-fix-ios = Sur iPhone ou iPad : ouvrez Réglages › Safari › Appareil photo, choisissez Autoriser, puis rechargez cette page.
camera-fix-android = Dans Chrome sur Android : touchez l'icône à gauche de l'adresse, ouvrez Autorisations, autorisez la caméra, puis rechargez cette page.
camera-fix-chrome = Dans Chrome : cliquez sur l'icône de caméra dans la barre d'adresse, choisissez de toujours autoriser, puis rechargez cette page.
camera-fix-firefox = Dans Firefox : cliquez sur l'icône de caméra dans la barre d'adresse, levez le blocage, puis rechargez cette page.
camera-fix-safari = Dans Safari : ouvrez Safari › Réglages pour ce site web, réglez Caméra sur Autoriser, puis rechargez cette page.
camera-fix-other = Autorisez ce site à utiliser la caméra dans les réglages de votre navigateur, puis rechargez cette page.
camera-fix-not-found = Branchez une caméra ou continuez sur un téléphone.
camera-fix-in-use = Fermez les autres applications ou onglets qui utilisent la caméra, puis réessayez.
camera-fix-insecure = Ouvrez le lien exactement tel que vous l'avez reçu, en commençant par https://.
camera-fix-webview = Ouvrez ce lien dans le navigateur de votre téléphone (Safari ou Chrome) ou continuez sur un autre appareil.
selfie-title = Prenez un selfie
selfie-intro = Placez votre visage dans l'ovale et regardez la caméra. Votre visage doit être dégagé et bien éclairé.
selfie-take = Prendre le selfie
liveness-turn-left = Tournez lentement la tête vers la gauche
liveness-turn-right = Tournez lentement la tête vers la droite
liveness-move-closer = Approchez-vous lentement de la caméra
liveness-look-up = Levez lentement les yeux
liveness-recording = Enregistrement…
review-selfie = Votre selfie
review-selfie-done = Pris, avec la vérification du vivant

review-title = Vérifier et envoyer
review-intro = Voici ce que nous enverrons pour vérification :
review-uploaded = Téléversé
review-change = Choisir un autre document
review-submit = Envoyer pour vérification
processing-title = Vérification de vos informations
processing-intro = Cela prend généralement moins d'une minute. Veuillez garder cette page ouverte.
check-document = Pièce d'identité
check-sanctions = Listes de sanctions
check-pep = Personnes politiquement exposées
check-duplicates = Contrôle des doublons
check-face = Contrôle du visage
check-other = Autre contrôle
check-waiting = en attente
check-running = en cours
check-done = terminé
outcome-approved-title = Votre identité est vérifiée
outcome-approved-body = Merci. Votre identité a été confirmée.
outcome-retry-title = Essayons à nouveau
outcome-retry-body = Nous n'avons pas pu vérifier votre document cette fois-ci :
outcome-retry-button = Réessayer
outcome-final-title = Nous n'avons pas pu vérifier votre identité
outcome-final-body = Cette vérification ne peut pas aboutir. Veuillez contacter le service qui vous a envoyé ici.
outcome-review-title = Nous vous recontacterons
outcome-review-body = Il nous faut un peu plus de temps pour vérifier vos informations. Vous aurez bientôt de nos nouvelles ; vous pouvez fermer cette page.
outcome-continue = Continuer

reason-IMAGE_BLURRY = La photo de votre document est floue — tenez l’appareil immobile et laissez-le faire la mise au point avant de prendre la photo.
reason-GLARE = Trop de reflets — inclinez la carte pour l’éloigner de la lumière et désactivez le flash.
reason-TOO_DARK = La photo est trop sombre — placez-vous dans un endroit plus lumineux et réessayez.
reason-LOW_RESOLUTION = La photo est trop petite pour être lue — rapprochez-vous pour que le document remplisse le cadre, ou importez une image plus nette.
reason-DOCUMENT_NOT_FOUND = Nous n’avons pas trouvé votre document sur la photo — posez-le sur une surface unie, avec les quatre coins dans le cadre.
reason-UNSUPPORTED_FILE = Nous ne pouvons pas ouvrir ce fichier — importez une photo (JPEG, PNG, WebP ou HEIC) ou un PDF.
reason-MRZ_NOT_FOUND = Nous n’avons pas trouvé les lignes de lettres et de chevrons en bas de votre document — vérifiez qu’elles figurent sur la photo et ne sont pas masquées.
reason-MRZ_UNREADABLE = Les lignes de lettres et de chevrons en bas de votre document sont difficiles à lire — reprenez la photo sous une bonne lumière, sans reflets.
reason-MRZ_CHECKSUM = Nous n’avons pas pu confirmer automatiquement les informations de votre document. Notre équipe va les vérifier et reviendra vers vous.
reason-DOCUMENT_EXPIRED = Votre document a expiré — veuillez utiliser une pièce d’identité encore valide.
reason-UNSUPPORTED_DOCUMENT = Ce type de document ou ce pays de délivrance n’est pas accepté ici — veuillez utiliser une autre pièce d’identité.
reason-DATA_MISMATCH = Les informations de votre document ne correspondent pas à celles qui nous ont été transmises. Notre équipe va les vérifier et reviendra vers vous.
reason-UNDERAGE = Vous n’avez pas l’âge minimum requis pour ce service. Veuillez contacter le service qui vous a envoyé ici.
reason-NO_FACE_FOUND = Nous ne voyons pas bien votre visage — placez-vous face à la caméra sous une bonne lumière, sans rien qui couvre votre visage.
reason-BAD_FACE_MATCHING = Votre selfie ne correspond pas à la photo de votre document — reprenez vous-même le selfie, face à la caméra et sous une bonne lumière.
reason-LIVENESS_FAILED = La vérification en direct n’a pas abouti — suivez les instructions à l’écran, sous une bonne lumière, en gardant votre visage dans le cadre.
reason-SANCTIONS_MATCH = Nous devons vérifier quelques informations supplémentaires. Notre équipe reviendra vers vous.
reason-PEP_MATCH = Nous devons vérifier quelques informations supplémentaires. Notre équipe reviendra vers vous.
reason-DUPLICATE_APPLICANT = Nous devons vérifier quelques informations supplémentaires. Notre équipe reviendra vers vous.
reason-CHECK_ERROR = Nous devons vérifier quelques informations supplémentaires. Notre équipe reviendra vers vous.
reason-DOCUMENT_MISSING = Nous n’avons pas reçu de photo de votre pièce d’identité — veuillez en ajouter une et réessayer.
reason-MULTIPLE_FACES = Il y a plus d’un visage sur l’image — assurez-vous d’être seul dans le cadre et réessayez.
reason-FACE_MATCH_UNCERTAIN = Nous n’avons pas pu confirmer que votre selfie correspond à la photo de votre document. Notre équipe va le vérifier et reviendra vers vous.
reason-POSSIBLE_SPOOF = Nous devons vérifier quelques informations supplémentaires. Notre équipe reviendra vers vous.
reason-DUPLICATE_FACE = Nous devons vérifier quelques informations supplémentaires. Notre équipe reviendra vers vous.
reason-SELFIE_MISSING = Nous n’avons pas reçu votre selfie — veuillez en prendre un et réessayer.
reason-SANCTIONS_POSSIBLE_MATCH = Nous devons vérifier quelques informations supplémentaires. Notre équipe reviendra vers vous.
reason-PEP_POSSIBLE_MATCH = Nous devons vérifier quelques informations supplémentaires. Notre équipe reviendra vers vous.

## Continue on your phone (QR handoff): the offer on the capture step, and the page of a
## handoff link that was already used or has expired.

handoff-title = Continuer sur votre téléphone
handoff-intro = Pas de caméra ici, ou une meilleure sur votre téléphone ? Continuez sur votre téléphone ; cette page suit.
handoff-show = Afficher un code pour mon téléphone
handoff-qr-alt = Code QR : scannez-le avec l’appareil photo de votre téléphone pour y poursuivre cette vérification
handoff-once = Le code ne fonctionne qu’une fois et seulement quelques minutes. Ne le partagez pas.
handoff-waiting = En attente de votre téléphone…
handoff-opened = Votre téléphone a ouvert le lien. Continuez là-bas ; cette page avancera quand vous aurez terminé.
handoff-new-code = Afficher un nouveau code
handoff-used-title = Ce lien a déjà été utilisé
handoff-used-body = Un lien pour continuer sur un autre appareil ne fonctionne qu’une fois. Revenez à l’autre écran et affichez un nouveau code.
handoff-expired-title = Ce lien a expiré
handoff-expired-body = Un lien pour continuer sur un autre appareil ne fonctionne que quelques minutes. Revenez à l’autre écran et affichez un nouveau code.

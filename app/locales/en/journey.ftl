# Kyra applicant journey — English (the source locale).
#
# Every other locale translates exactly these messages. Message ids are referenced from
# app/src (see app/src/i18n.rs); the tests fail on a missing, unused or broken message.
# Messages with variables are formatted on the server, which knows their values.

## Document and loading

page-title = Identity verification
loading = Loading…

## Language switcher

language-label = Language
language-change = Change language

## Pages that are not part of a journey

not-found-title = Page not found
not-found-body = This address does not lead anywhere. Please check the link you were sent.

## Link problems

link-invalid-title = This link is not valid
link-invalid-body = The verification link is incomplete or no longer valid. Please ask the service that sent it for a new one.
link-expired-title = This link has expired
link-expired-body = For your security, verification links are only valid for a limited time. Please ask the service that sent it for a new link.
link-finished-title = This verification is finished
link-finished-body = There is nothing more to do here. You can close this page.
unavailable-title = We could not load your verification
unavailable-body = Something went wrong on our side. Please try again in a minute.

## Welcome and consent

welcome-title = Verify your identity
# $tenant: the name of the business that asks for the verification.
# $minutes: how long the verification takes, a whole number.
welcome-intro = { $tenant } asks you to confirm who you are. It takes about { $minutes ->
        [one] one minute
       *[other] { $minutes } minutes
    }.
welcome-needs = You will need:
need-document = an identity document: passport, national ID card, driver's licence or residence permit
need-selfie = a device with a camera to take a selfie
consent-heading = Your consent
consent-agree = I have read and agree to the processing of my data described above.
consent-continue = Continue
consent-failed = We could not save your answer. Please try again.

## Kyra's built-in consent text, one message per version. A changed text gets a new version
## (and a new message); old versions stay for flows that still use them.

consent-builtin-2026-11-01 = To verify your identity we process the photos of your identity document and of your face, and the personal data they contain. We compare them with each other and check them against sanctions and politically exposed persons lists. Your data is processed only for this verification, stored encrypted, and deleted when the retention period of the service that sent you here ends.

## Document step

document-title = Choose your document
document-intro = Thank you. Next, choose the identity document you will photograph.
document-type-label = Document type
document-country-label = Issuing country
document-country-placeholder = Choose a country
document-sides-one = You will upload the photo page.
document-sides-two = You will upload the front and the back.
doc-passport = Passport
doc-national-id = National ID card
doc-drivers-license = Driver's licence
doc-residence-permit = Residence permit
side-photo-page = Photo page
side-front = Front
side-back = Back
action-failed = Something went wrong. Please try again.
upload-title = Upload your document
upload-hint = A sharp photo or scan of the whole document: JPEG, PNG, WebP, HEIC or PDF, up to { $megabytes } MB.
upload-choose = Choose a file
upload-drop = or drag and drop it here
upload-preview = Preview of the chosen file
upload-choose-another = Choose another
upload-send = Upload
upload-sending = Uploading…
upload-wrong-type = This file is not a photo or a PDF. Please choose a JPEG, PNG, WebP or HEIC photo, or a PDF.
upload-too-large = This file is too large. Please choose a file of at most { $megabytes } MB.
upload-damaged = This file is damaged or incomplete. Please choose another one.
upload-failed = The upload did not work. Please try again.

# Live camera, selfie and liveness.
camera-open = Take a photo with your camera
camera-hint-document = Place the document inside the frame, flat and fully visible, without glare.
camera-view = Camera view
camera-starting = Starting the camera…
camera-capture = Take photo
camera-retake = Retake
camera-use = Use this photo
camera-upload-instead = Upload a file instead
camera-too-small = This picture is too small to read. Please use a photo of at least 800 × 600 pixels.
camera-retry = That did not work. Please try again.
camera-try-again = Try again
camera-problem-title = The camera cannot be used
camera-denied = This page was not allowed to use the camera.
camera-not-found = No camera was found on this device.
camera-in-use = The camera is being used by another app.
camera-insecure = The camera only works on a secure page (https).
camera-webview = This app's built-in browser cannot use the camera.
camera-failed = The camera could not be started.
camera-fix-ios = On iPhone or iPad: open Settings › Safari › Camera, choose Allow, then reload this page.
camera-fix-android = In Chrome on Android: tap the icon left of the address, open Permissions, allow the camera, then reload this page.
camera-fix-chrome = In Chrome: click the camera icon in the address bar, choose to always allow, then reload this page.
camera-fix-firefox = In Firefox: click the camera icon in the address bar, remove the block, then reload this page.
camera-fix-safari = In Safari: open Safari › Settings for This Website, set Camera to Allow, then reload this page.
camera-fix-other = Allow this site to use the camera in your browser's settings, then reload this page.
camera-fix-not-found = Connect a camera, or continue on a phone.
camera-fix-in-use = Close other apps or tabs that use the camera, then try again.
camera-fix-insecure = Open the link exactly as you received it, starting with https://.
camera-fix-webview = Open this link in your phone's browser (Safari or Chrome), or continue on another device.
selfie-title = Take a selfie
selfie-intro = Put your face inside the oval and look at the camera. Keep your face uncovered and well lit.
selfie-take = Take selfie
liveness-turn-left = Slowly turn your head to the left
liveness-turn-right = Slowly turn your head to the right
liveness-move-closer = Slowly move closer to the camera
liveness-look-up = Slowly look up
liveness-recording = Recording…
review-selfie = Your selfie
review-selfie-done = Taken, with the liveness check

review-title = Check and send
review-intro = This is what we will send for checking:
review-uploaded = Uploaded
review-change = Choose another document
review-submit = Send for checking
processing-title = Checking your details
processing-intro = This usually takes less than a minute. Please keep this page open.
check-document = Identity document
check-sanctions = Sanctions lists
check-pep = Politically exposed persons
check-duplicates = Duplicate check
check-face = Face check
check-other = Other check
check-waiting = waiting
check-running = in progress
check-done = finished
outcome-approved-title = You are verified
outcome-approved-body = Thank you. Your identity has been confirmed.
outcome-retry-title = Let's try that again
outcome-retry-body = We could not verify your document this time:
outcome-retry-button = Try again
outcome-final-title = We could not verify your identity
outcome-final-body = This verification cannot be completed. Please contact the service that sent you here.
outcome-review-title = We'll be in touch
outcome-review-body = We need a little more time to check your details. You will hear from us soon; you can close this page.
outcome-continue = Continue

## Outcome: why an attempt was declined and what to do about it, one message per reason code
## of checks/src/reasons.rs. Reasons that need a person's review say so without details.

reason-IMAGE_BLURRY = The photo of your document is blurry — hold the camera steady and let it focus before you take the picture.
reason-GLARE = Too much glare — tilt the card away from the light and switch off the flash.
reason-TOO_DARK = The photo is too dark — move to a brighter place and try again.
reason-LOW_RESOLUTION = The photo is too small to read — move closer so the document fills the frame, or upload a sharper image.
reason-DOCUMENT_NOT_FOUND = We could not find your document in the photo — place it on a plain surface with all four corners in the frame.
reason-UNSUPPORTED_FILE = We cannot open this file — upload a photo (JPEG, PNG, WebP or HEIC) or a PDF.
reason-MRZ_NOT_FOUND = We could not find the lines of letters and arrows at the bottom of your document — make sure they are in the photo and not covered.
reason-MRZ_UNREADABLE = The lines of letters and arrows at the bottom of your document are hard to read — take the photo again in good light, without glare.
reason-MRZ_CHECKSUM = We could not confirm the details of your document automatically. Our team will check them and get back to you.
reason-DOCUMENT_EXPIRED = Your document has expired — please use an identity document that is still valid.
reason-UNSUPPORTED_DOCUMENT = This document type or issuing country is not accepted here — please use another identity document.
reason-DATA_MISMATCH = The details on your document do not match the details we were given. Our team will check them and get back to you.
reason-UNDERAGE = You do not meet the minimum age for this service. Please contact the service that sent you here.
reason-NO_FACE_FOUND = We could not see your face clearly — face the camera in good light, with nothing covering your face.
reason-BAD_FACE_MATCHING = Your selfie does not match the photo on your document — take the selfie again yourself, facing the camera in good light.
reason-LIVENESS_FAILED = The live check did not work — follow the instructions on screen, in good light, and keep your face inside the frame.
reason-SANCTIONS_MATCH = We need to check a few more details. Our team will get back to you.
reason-PEP_MATCH = We need to check a few more details. Our team will get back to you.
reason-DUPLICATE_APPLICANT = We need to check a few more details. Our team will get back to you.
reason-CHECK_ERROR = We need to check a few more details. Our team will get back to you.
reason-DOCUMENT_MISSING = We did not receive a photo of your identity document — please add one and try again.
reason-MULTIPLE_FACES = More than one face is in the picture — make sure only you are in the frame and try again.
reason-FACE_MATCH_UNCERTAIN = We could not confirm that your selfie matches the photo on your document. Our team will check it and get back to you.
reason-POSSIBLE_SPOOF = We need to check a few more details. Our team will get back to you.
reason-DUPLICATE_FACE = We need to check a few more details. Our team will get back to you.
reason-SELFIE_MISSING = We did not receive your selfie — please take one and try again.
reason-SANCTIONS_POSSIBLE_MATCH = We need to check a few more details. Our team will get back to you.
reason-PEP_POSSIBLE_MATCH = We need to check a few more details. Our team will get back to you.

## Continue on your phone (QR handoff): the offer on the capture step, and the page of a
## handoff link that was already used or has expired.

handoff-title = Continue on your phone
handoff-intro = No camera here, or a better one on your phone? Continue on your phone; this page follows along.
handoff-show = Show a code for my phone
handoff-qr-alt = QR code: scan it with your phone's camera to continue this verification there
handoff-once = The code works once and only for a few minutes. Do not share it.
handoff-waiting = Waiting for your phone…
handoff-opened = Your phone has opened the link. Continue there; this page moves on when you are done.
handoff-new-code = Show a new code
handoff-used-title = This link was already used
handoff-used-body = A link to continue on another device works only once. Go back to the other screen and show a new code.
handoff-expired-title = This link has expired
handoff-expired-body = A link to continue on another device works only for a few minutes. Go back to the other screen and show a new code.

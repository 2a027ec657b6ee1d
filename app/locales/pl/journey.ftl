# Kyra applicant journey — polski. Same messages as en/journey.ftl.

page-title = Weryfikacja tożsamości
loading = Wczytywanie…

language-label = Język
language-change = Zmień język

not-found-title = Nie znaleziono strony
not-found-body = Ten adres nigdzie nie prowadzi. Sprawdź otrzymany link.

link-invalid-title = Ten link jest nieprawidłowy
link-invalid-body = Link weryfikacyjny jest niekompletny lub nie jest już ważny. Poproś serwis, który go wysłał, o nowy.
link-expired-title = Ten link wygasł
link-expired-body = Ze względów bezpieczeństwa linki weryfikacyjne są ważne tylko przez ograniczony czas. Poproś serwis, który go wysłał, o nowy link.
link-finished-title = Ta weryfikacja została zakończona
link-finished-body = Nie musisz tu już nic robić. Możesz zamknąć tę stronę.
unavailable-title = Nie udało się wczytać weryfikacji
unavailable-body = Coś poszło nie tak po naszej stronie. Spróbuj ponownie za minutę.

welcome-title = Potwierdź swoją tożsamość
welcome-intro = { $tenant } prosi o potwierdzenie Twojej tożsamości. Zajmie to około { $minutes ->
        [one] minuty
       *[other] { $minutes } minut
    }.
welcome-needs = Będziesz potrzebować:
need-document = dokumentu tożsamości: paszportu, dowodu osobistego, prawa jazdy lub karty pobytu
need-selfie = urządzenia z aparatem, aby zrobić selfie
consent-heading = Twoja zgoda
consent-agree = Przeczytałem(-am) i wyrażam zgodę na opisane powyżej przetwarzanie moich danych.
consent-continue = Dalej
consent-failed = Nie udało się zapisać odpowiedzi. Spróbuj ponownie.

consent-builtin-2026-11-01 = Aby zweryfikować Twoją tożsamość, przetwarzamy zdjęcia Twojego dokumentu tożsamości i Twojej twarzy oraz zawarte w nich dane osobowe. Porównujemy je ze sobą i sprawdzamy na listach sankcyjnych oraz listach osób zajmujących eksponowane stanowiska polityczne. Twoje dane są przetwarzane wyłącznie na potrzeby tej weryfikacji, przechowywane w postaci zaszyfrowanej i usuwane po upływie okresu przechowywania serwisu, który Cię tu skierował.

document-title = Wybierz dokument
document-intro = Dziękujemy. Teraz wybierz dokument tożsamości, który sfotografujesz.
document-type-label = Rodzaj dokumentu
document-country-label = Kraj wydania
document-country-placeholder = Wybierz kraj
document-sides-one = Prześlesz stronę ze zdjęciem.
document-sides-two = Prześlesz przód i tył.
doc-passport = Paszport
doc-national-id = Dowód osobisty
doc-drivers-license = Prawo jazdy
doc-residence-permit = Karta pobytu
side-photo-page = Strona ze zdjęciem
side-front = Przód
side-back = Tył
action-failed = Coś poszło nie tak. Spróbuj ponownie.
upload-title = Prześlij dokument
upload-hint = Ostre zdjęcie lub skan całego dokumentu: JPEG, PNG, WebP, HEIC lub PDF, do { $megabytes } MB.
upload-choose = Wybierz plik
upload-drop = albo przeciągnij go i upuść tutaj
upload-preview = Podgląd wybranego pliku
upload-choose-another = Wybierz inny
upload-send = Prześlij
upload-sending = Przesyłanie…
upload-wrong-type = Ten plik nie jest zdjęciem ani plikiem PDF. Wybierz zdjęcie JPEG, PNG, WebP lub HEIC albo plik PDF.
upload-too-large = Ten plik jest za duży. Wybierz plik o rozmiarze najwyżej { $megabytes } MB.
upload-damaged = Ten plik jest uszkodzony lub niekompletny. Wybierz inny.
upload-failed = Przesyłanie nie powiodło się. Spróbuj ponownie.

# Live camera, selfie and liveness.
camera-open = Zrób zdjęcie aparatem
camera-hint-document = Połóż dokument płasko w ramce, w całości widoczny i bez odblasków.
camera-view = Obraz z kamery
camera-starting = Uruchamianie kamery…
camera-capture = Zrób zdjęcie
camera-retake = Powtórz
camera-use = Użyj tego zdjęcia
camera-upload-instead = Zamiast tego prześlij plik
camera-too-small = To zdjęcie jest za małe, aby je odczytać. Użyj zdjęcia o rozmiarze co najmniej 800 × 600 pikseli.
camera-retry = To się nie udało. Spróbuj ponownie.
camera-try-again = Spróbuj ponownie
camera-problem-title = Nie można użyć kamery
camera-denied = Ta strona nie otrzymała zgody na użycie kamery.
camera-not-found = Na tym urządzeniu nie znaleziono kamery.
camera-in-use = Kamera jest używana przez inną aplikację.
camera-insecure = Kamera działa tylko na bezpiecznej stronie (https).
camera-webview = Wbudowana przeglądarka tej aplikacji nie może używać kamery.
camera-failed = Nie udało się uruchomić kamery.
camera-fix-ios = Na iPhonie lub iPadzie: otwórz Ustawienia › Safari › Aparat, wybierz Pozwalaj, a następnie odśwież tę stronę.
camera-fix-android = W Chrome na Androidzie: dotknij ikony po lewej stronie adresu, otwórz Uprawnienia, zezwól na kamerę, a następnie odśwież tę stronę.
camera-fix-chrome = W Chrome: kliknij ikonę kamery na pasku adresu, wybierz zawsze zezwalaj, a następnie odśwież tę stronę.
camera-fix-firefox = W Firefoksie: kliknij ikonę kamery na pasku adresu, usuń blokadę, a następnie odśwież tę stronę.
camera-fix-safari = W Safari: otwórz Safari › Ustawienia tej witryny, ustaw Kamerę na Pozwalaj, a następnie odśwież tę stronę.
camera-fix-other = Zezwól tej witrynie na używanie kamery w ustawieniach przeglądarki, a następnie odśwież tę stronę.
camera-fix-not-found = Podłącz kamerę lub kontynuuj na telefonie.
camera-fix-in-use = Zamknij inne aplikacje lub karty używające kamery i spróbuj ponownie.
camera-fix-insecure = Otwórz link dokładnie tak, jak go otrzymałeś, zaczynając od https://.
camera-fix-webview = Otwórz ten link w przeglądarce telefonu (Safari lub Chrome) albo kontynuuj na innym urządzeniu.
selfie-title = Zrób selfie
selfie-intro = Umieść twarz w owalu i patrz w kamerę. Twarz powinna być odsłonięta i dobrze oświetlona.
selfie-take = Zrób selfie
liveness-turn-left = Powoli obróć głowę w lewo
liveness-turn-right = Powoli obróć głowę w prawo
liveness-move-closer = Powoli przybliż się do kamery
liveness-look-up = Powoli spójrz w górę
liveness-recording = Nagrywanie…
review-selfie = Twoje selfie
review-selfie-done = Zrobione, z testem żywotności

review-title = Sprawdź i wyślij
review-intro = Oto, co wyślemy do weryfikacji:
review-uploaded = Przesłano
review-change = Wybierz inny dokument
review-submit = Wyślij do weryfikacji
processing-title = Sprawdzamy Twoje dane
processing-intro = Zwykle trwa to krócej niż minutę. Nie zamykaj tej strony.
check-document = Dokument tożsamości
check-sanctions = Listy sankcyjne
check-pep = Osoby zajmujące eksponowane stanowiska polityczne
check-duplicates = Kontrola duplikatów
check-face = Kontrola twarzy
check-other = Inna kontrola
check-waiting = oczekuje
check-running = w toku
check-done = zakończona
outcome-approved-title = Twoja tożsamość została zweryfikowana
outcome-approved-body = Dziękujemy. Twoja tożsamość została potwierdzona.
outcome-retry-title = Spróbujmy jeszcze raz
outcome-retry-body = Tym razem nie udało się zweryfikować Twojego dokumentu:
outcome-retry-button = Spróbuj ponownie
outcome-final-title = Nie udało się zweryfikować Twojej tożsamości
outcome-final-body = Tej weryfikacji nie można ukończyć. Skontaktuj się z serwisem, który Cię tu skierował.
outcome-review-title = Odezwiemy się
outcome-review-body = Potrzebujemy nieco więcej czasu, aby sprawdzić Twoje dane. Wkrótce się odezwiemy; możesz zamknąć tę stronę.
outcome-continue = Dalej

reason-IMAGE_BLURRY = Zdjęcie dokumentu jest nieostre — trzymaj aparat nieruchomo i poczekaj, aż ustawi ostrość, zanim zrobisz zdjęcie.
reason-GLARE = Za dużo odblasków — odchyl dokument od źródła światła i wyłącz lampę błyskową.
reason-TOO_DARK = Zdjęcie jest za ciemne — przejdź w jaśniejsze miejsce i spróbuj ponownie.
reason-LOW_RESOLUTION = Zdjęcie jest za małe, by je odczytać — podejdź bliżej, aby dokument wypełniał kadr, lub prześlij ostrzejsze zdjęcie.
reason-DOCUMENT_NOT_FOUND = Nie znaleźliśmy dokumentu na zdjęciu — połóż go na gładkiej powierzchni tak, aby wszystkie cztery rogi były w kadrze.
reason-UNSUPPORTED_FILE = Nie możemy otworzyć tego pliku — prześlij zdjęcie (JPEG, PNG, WebP lub HEIC) albo plik PDF.
reason-MRZ_NOT_FOUND = Nie znaleźliśmy wierszy liter i strzałek na dole dokumentu — upewnij się, że są na zdjęciu i nie są zasłonięte.
reason-MRZ_UNREADABLE = Wiersze liter i strzałek na dole dokumentu są trudne do odczytania — zrób zdjęcie ponownie przy dobrym świetle, bez odblasków.
reason-MRZ_CHECKSUM = Nie udało się automatycznie potwierdzić danych z Twojego dokumentu. Nasz zespół je sprawdzi i skontaktuje się z Tobą.
reason-DOCUMENT_EXPIRED = Twój dokument stracił ważność — użyj dokumentu tożsamości, który jest nadal ważny.
reason-UNSUPPORTED_DOCUMENT = Ten rodzaj dokumentu lub kraj wydania nie jest tu akceptowany — użyj innego dokumentu tożsamości.
reason-DATA_MISMATCH = Dane w Twoim dokumencie nie zgadzają się z danymi, które otrzymaliśmy. Nasz zespół je sprawdzi i skontaktuje się z Tobą.
reason-UNDERAGE = Nie spełniasz wymogu minimalnego wieku dla tej usługi. Skontaktuj się z serwisem, który Cię tu skierował.
reason-NO_FACE_FOUND = Nie widzimy wyraźnie Twojej twarzy — patrz w aparat przy dobrym świetle, tak aby nic nie zasłaniało twarzy.
reason-BAD_FACE_MATCHING = Twoje selfie nie pasuje do zdjęcia w dokumencie — zrób selfie ponownie samodzielnie, patrząc w kamerę, przy dobrym świetle.
reason-LIVENESS_FAILED = Weryfikacja na żywo nie powiodła się — postępuj zgodnie z instrukcjami na ekranie, przy dobrym świetle, i trzymaj twarz w ramce.
reason-SANCTIONS_MATCH = Musimy sprawdzić jeszcze kilka informacji. Nasz zespół skontaktuje się z Tobą.
reason-PEP_MATCH = Musimy sprawdzić jeszcze kilka informacji. Nasz zespół skontaktuje się z Tobą.
reason-DUPLICATE_APPLICANT = Musimy sprawdzić jeszcze kilka informacji. Nasz zespół skontaktuje się z Tobą.
reason-CHECK_ERROR = Musimy sprawdzić jeszcze kilka informacji. Nasz zespół skontaktuje się z Tobą.
reason-DOCUMENT_MISSING = Nie otrzymaliśmy zdjęcia Twojego dokumentu tożsamości — dodaj je i spróbuj ponownie.
reason-MULTIPLE_FACES = Na zdjęciu jest więcej niż jedna twarz — upewnij się, że w kadrze jesteś tylko Ty, i spróbuj ponownie.
reason-FACE_MATCH_UNCERTAIN = Nie udało się potwierdzić, że selfie pasuje do zdjęcia w dokumencie. Nasz zespół to sprawdzi i skontaktuje się z Tobą.
reason-POSSIBLE_SPOOF = Musimy sprawdzić jeszcze kilka informacji. Nasz zespół skontaktuje się z Tobą.
reason-DUPLICATE_FACE = Musimy sprawdzić jeszcze kilka informacji. Nasz zespół skontaktuje się z Tobą.
reason-SELFIE_MISSING = Nie otrzymaliśmy Twojego selfie — zrób je i spróbuj ponownie.
reason-SANCTIONS_POSSIBLE_MATCH = Musimy sprawdzić jeszcze kilka informacji. Nasz zespół skontaktuje się z Tobą.
reason-PEP_POSSIBLE_MATCH = Musimy sprawdzić jeszcze kilka informacji. Nasz zespół skontaktuje się z Tobą.

## Continue on your phone (QR handoff): the offer on the capture step, and the page of a
## handoff link that was already used or has expired.

handoff-title = Kontynuuj na telefonie
handoff-intro = Brak kamery tutaj lub lepsza w telefonie? Kontynuuj na telefonie; ta strona będzie nadążać.
handoff-show = Pokaż kod dla mojego telefonu
handoff-qr-alt = Kod QR: zeskanuj go aparatem telefonu, aby tam kontynuować weryfikację
handoff-once = Kod działa tylko raz i tylko przez kilka minut. Nie udostępniaj go.
handoff-waiting = Czekamy na Twój telefon…
handoff-opened = Twój telefon otworzył link. Kontynuuj tam; ta strona przejdzie dalej, gdy skończysz.
handoff-new-code = Pokaż nowy kod
handoff-used-title = Ten link został już użyty
handoff-used-body = Link do kontynuowania na innym urządzeniu działa tylko raz. Wróć do drugiego ekranu i wyświetl nowy kod.
handoff-expired-title = Ten link wygasł
handoff-expired-body = Link do kontynuowania na innym urządzeniu działa tylko przez kilka minut. Wróć do drugiego ekranu i wyświetl nowy kod.

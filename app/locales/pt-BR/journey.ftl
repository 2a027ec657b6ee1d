# Kyra applicant journey — português (Brasil). Same messages as en/journey.ftl.

page-title = Verificação de identidade
loading = Carregando…

language-label = Idioma
language-change = Mudar idioma

not-found-title = Página não encontrada
not-found-body = Este endereço não leva a lugar nenhum. Confira o link que você recebeu.

link-invalid-title = Este link não é válido
link-invalid-body = O link de verificação está incompleto ou não é mais válido. Peça um novo ao serviço que o enviou.
link-expired-title = Este link expirou
link-expired-body = Para sua segurança, os links de verificação valem apenas por um tempo limitado. Peça um novo link ao serviço que o enviou.
link-finished-title = Esta verificação foi concluída
link-finished-body = Não há mais nada a fazer aqui. Você pode fechar esta página.
unavailable-title = Não foi possível carregar sua verificação
unavailable-body = Algo deu errado do nosso lado. Tente novamente em um minuto.

welcome-title = Confirme sua identidade
welcome-intro = { $tenant } pede que você confirme quem você é. Leva cerca de { $minutes ->
        [one] um minuto
       *[other] { $minutes } minutos
    }.
welcome-needs = Você vai precisar de:
need-document = um documento de identidade: passaporte, carteira de identidade, carteira de motorista ou autorização de residência
need-selfie = um aparelho com câmera para tirar uma selfie
consent-heading = Seu consentimento
consent-agree = Li e concordo com o tratamento dos meus dados descrito acima.
consent-continue = Continuar
consent-failed = Não foi possível salvar sua resposta. Tente novamente.

consent-builtin-2026-11-01 = Para verificar sua identidade, tratamos as fotos do seu documento de identidade e do seu rosto, além dos dados pessoais que elas contêm. Comparamos as fotos entre si e as verificamos em listas de sanções e de pessoas politicamente expostas. Seus dados são tratados somente para esta verificação, armazenados de forma criptografada e excluídos quando termina o prazo de retenção do serviço que enviou você até aqui.

document-title = Escolha seu documento
document-intro = Obrigado. Agora escolha o documento de identidade que você vai fotografar.
document-type-label = Tipo de documento
document-country-label = País emissor
document-country-placeholder = Escolha um país
document-sides-one = Você vai enviar a página com a foto.
document-sides-two = Você vai enviar a frente e o verso.
doc-passport = Passaporte
doc-national-id = Carteira de identidade
doc-drivers-license = Carteira de motorista
doc-residence-permit = Autorização de residência
side-photo-page = Página com a foto
side-front = Frente
side-back = Verso
action-failed = Algo deu errado. Tente novamente.
upload-title = Envie seu documento
upload-hint = Uma foto nítida ou digitalização do documento inteiro: JPEG, PNG, WebP, HEIC ou PDF, de até { $megabytes } MB.
upload-choose = Escolher um arquivo
upload-drop = ou arraste e solte aqui
upload-preview = Prévia do arquivo escolhido
upload-choose-another = Escolher outro
upload-send = Enviar
upload-sending = Enviando…
upload-wrong-type = Este arquivo não é uma foto nem um PDF. Escolha uma foto JPEG, PNG, WebP ou HEIC, ou um PDF.
upload-too-large = Este arquivo é grande demais. Escolha um arquivo de no máximo { $megabytes } MB.
upload-damaged = Este arquivo está danificado ou incompleto. Escolha outro.
upload-failed = O envio não funcionou. Tente novamente.

# Live camera, selfie and liveness.
camera-open = Tirar uma foto com a câmera
camera-hint-document = Coloque o documento plano dentro da moldura, totalmente visível e sem reflexos.
camera-view = Imagem da câmera
camera-starting = Iniciando a câmera…
camera-capture = Tirar foto
camera-retake = Tirar de novo
camera-use = Usar esta foto
camera-upload-instead = Enviar um arquivo em vez disso
camera-too-small = Esta imagem é pequena demais para ser lida. Use uma foto de pelo menos 800 × 600 pixels.
camera-retry = Não funcionou. Tente novamente.
camera-try-again = Tentar novamente
camera-problem-title = Não é possível usar a câmera
camera-denied = Esta página não recebeu permissão para usar a câmera.
camera-not-found = Nenhuma câmera foi encontrada neste aparelho.
camera-in-use = A câmera está sendo usada por outro aplicativo.
camera-insecure = A câmera só funciona em uma página segura (https).
camera-webview = O navegador integrado deste aplicativo não pode usar a câmera.
camera-failed = Não foi possível iniciar a câmera.
camera-fix-ios = No iPhone ou iPad: abra Ajustes › Safari › Câmera, escolha Permitir e recarregue esta página.
camera-fix-android = No Chrome para Android: toque no ícone à esquerda do endereço, abra Permissões, permita a câmera e recarregue esta página.
camera-fix-chrome = No Chrome: clique no ícone da câmera na barra de endereço, escolha permitir sempre e recarregue esta página.
camera-fix-firefox = No Firefox: clique no ícone da câmera na barra de endereço, remova o bloqueio e recarregue esta página.
camera-fix-safari = No Safari: abra Safari › Ajustes deste site, defina Câmera como Permitir e recarregue esta página.
camera-fix-other = Permita que este site use a câmera nas configurações do navegador e recarregue esta página.
camera-fix-not-found = Conecte uma câmera ou continue em um celular.
camera-fix-in-use = Feche outros aplicativos ou abas que usam a câmera e tente novamente.
camera-fix-insecure = Abra o link exatamente como você o recebeu, começando com https://.
camera-fix-webview = Abra este link no navegador do seu celular (Safari ou Chrome) ou continue em outro aparelho.
selfie-title = Tire uma selfie
selfie-intro = Coloque o rosto dentro do oval e olhe para a câmera. O rosto deve estar descoberto e bem iluminado.
selfie-take = Tirar selfie
liveness-turn-left = Vire a cabeça devagar para a esquerda
liveness-turn-right = Vire a cabeça devagar para a direita
liveness-move-closer = Aproxime-se devagar da câmera
liveness-look-up = Olhe devagar para cima
liveness-recording = Gravando…
review-selfie = Sua selfie
review-selfie-done = Tirada, com a prova de vida

review-title = Conferir e enviar
review-intro = Isto é o que enviaremos para verificação:
review-uploaded = Enviado
review-change = Escolher outro documento
review-submit = Enviar para verificação
processing-title = Verificando seus dados
processing-intro = Isso costuma levar menos de um minuto. Mantenha esta página aberta.
check-document = Documento de identidade
check-sanctions = Listas de sanções
check-pep = Pessoas politicamente expostas
check-duplicates = Verificação de duplicidade
check-face = Verificação facial
check-other = Outra verificação
check-waiting = aguardando
check-running = em andamento
check-done = concluída
outcome-approved-title = Sua identidade foi verificada
outcome-approved-body = Obrigado. Sua identidade foi confirmada.
outcome-retry-title = Vamos tentar de novo
outcome-retry-body = Desta vez não conseguimos verificar seu documento:
outcome-retry-button = Tentar novamente
outcome-final-title = Não conseguimos verificar sua identidade
outcome-final-body = Esta verificação não pode ser concluída. Entre em contato com o serviço que enviou você para cá.
outcome-review-title = Entraremos em contato
outcome-review-body = Precisamos de um pouco mais de tempo para conferir seus dados. Você terá notícias nossas em breve; pode fechar esta página.
outcome-continue = Continuar

reason-IMAGE_BLURRY = A foto do seu documento está desfocada — segure a câmera firme e espere o foco antes de tirar a foto.
reason-GLARE = Reflexo demais — incline o documento para longe da luz e desligue o flash.
reason-TOO_DARK = A foto está escura demais — vá para um lugar mais iluminado e tente novamente.
reason-LOW_RESOLUTION = A foto é pequena demais para ser lida — aproxime-se para que o documento preencha o quadro ou envie uma imagem mais nítida.
reason-DOCUMENT_NOT_FOUND = Não encontramos seu documento na foto — coloque-o sobre uma superfície lisa, com os quatro cantos dentro do quadro.
reason-UNSUPPORTED_FILE = Não conseguimos abrir este arquivo — envie uma foto (JPEG, PNG, WebP ou HEIC) ou um PDF.
reason-MRZ_NOT_FOUND = Não encontramos as linhas de letras e setas na parte de baixo do seu documento — verifique se elas aparecem na foto e não estão cobertas.
reason-MRZ_UNREADABLE = As linhas de letras e setas na parte de baixo do seu documento estão difíceis de ler — tire a foto de novo com boa luz e sem reflexos.
reason-MRZ_CHECKSUM = Não conseguimos confirmar automaticamente os dados do seu documento. Nossa equipe vai analisá-los e entrará em contato.
reason-DOCUMENT_EXPIRED = Seu documento está vencido — use um documento de identidade que ainda seja válido.
reason-UNSUPPORTED_DOCUMENT = Este tipo de documento ou país emissor não é aceito aqui — use outro documento de identidade.
reason-DATA_MISMATCH = Os dados do seu documento não correspondem aos dados que recebemos. Nossa equipe vai analisá-los e entrará em contato.
reason-UNDERAGE = Você não tem a idade mínima para este serviço. Entre em contato com o serviço que enviou você até aqui.
reason-NO_FACE_FOUND = Não conseguimos ver seu rosto com clareza — olhe para a câmera em um lugar bem iluminado, sem nada cobrindo o rosto.
reason-BAD_FACE_MATCHING = Sua selfie não corresponde à foto do seu documento — tire a selfie de novo você mesmo, olhando para a câmera e com boa luz.
reason-LIVENESS_FAILED = A verificação ao vivo não funcionou — siga as instruções na tela, com boa luz, e mantenha o rosto dentro da moldura.
reason-SANCTIONS_MATCH = Precisamos verificar mais alguns dados. Nossa equipe entrará em contato.
reason-PEP_MATCH = Precisamos verificar mais alguns dados. Nossa equipe entrará em contato.
reason-DUPLICATE_APPLICANT = Precisamos verificar mais alguns dados. Nossa equipe entrará em contato.
reason-CHECK_ERROR = Precisamos verificar mais alguns dados. Nossa equipe entrará em contato.
reason-DOCUMENT_MISSING = Não recebemos a foto do seu documento de identidade — adicione uma e tente novamente.
reason-MULTIPLE_FACES = Há mais de um rosto na imagem — garanta que só você apareça no enquadramento e tente de novo.
reason-FACE_MATCH_UNCERTAIN = Não conseguimos confirmar que sua selfie corresponde à foto do seu documento. Nossa equipe vai analisar e entrará em contato.
reason-POSSIBLE_SPOOF = Precisamos verificar mais alguns dados. Nossa equipe entrará em contato.
reason-DUPLICATE_FACE = Precisamos verificar mais alguns dados. Nossa equipe entrará em contato.
reason-SELFIE_MISSING = Não recebemos sua selfie — tire uma e tente de novo.
reason-SANCTIONS_POSSIBLE_MATCH = Precisamos verificar mais alguns dados. Nossa equipe entrará em contato.
reason-PEP_POSSIBLE_MATCH = Precisamos verificar mais alguns dados. Nossa equipe entrará em contato.

## Continue on your phone (QR handoff): the offer on the capture step, and the page of a
## handoff link that was already used or has expired.

handoff-title = Continuar no celular
handoff-intro = Sem câmera aqui, ou a do seu celular é melhor? Continue no celular; esta página acompanha.
handoff-show = Mostrar um código para o meu celular
handoff-qr-alt = Código QR: escaneie com a câmera do celular para continuar esta verificação lá
handoff-once = O código funciona uma única vez e só por alguns minutos. Não o compartilhe.
handoff-waiting = Aguardando o seu celular…
handoff-opened = Seu celular abriu o link. Continue por lá; esta página avança quando você terminar.
handoff-new-code = Mostrar um novo código
handoff-used-title = Este link já foi usado
handoff-used-body = Um link para continuar em outro dispositivo funciona só uma vez. Volte para a outra tela e mostre um novo código.
handoff-expired-title = Este link expirou
handoff-expired-body = Um link para continuar em outro dispositivo funciona só por alguns minutos. Volte para a outra tela e mostre um novo código.

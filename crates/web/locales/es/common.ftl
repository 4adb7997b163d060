# El diseño común, la navegación, el pie de página y las piezas que comparten todas las páginas.
# Los mensajes son HTML: escriba & como &amp; donde una página lo muestre; las variables se escapan.

brand = Rapport
skip-link = Ir al contenido
demo-banner = Esto es una demostración.
demo-banner-wide = Todas las personas y todos los registros son inventados. No escribas información de salud real.
demo-banner-phone = No escribas información de salud real.
menu = Menú
menu-unread-notices =
    { $n ->
        [one] , { $n } aviso sin leer
       *[other] , { $n } avisos sin leer
    }
header-safety-plan = Mi plan de seguridad
header-crisis = Ayuda en crisis
critical-alerts =
    { $n ->
        [one] { $n } alerta crítica
       *[other] { $n } alertas críticas
    }
critical-alerts-waiting =
    { $n ->
        [one] sobre la seguridad de sus clientes está esperando.
       *[other] sobre la seguridad de sus clientes están esperando.
    }
critical-alerts-open = Abrir alertas
footer-private = Rapport mantiene en privado lo que escribes: está cifrado, nunca se vende y nunca se muestra a nadie fuera de tu equipo de atención sin tu consentimiento.
footer-crisis = Si estás en crisis, busca ayuda ahora
language-switcher = Idioma:
language-en = English
language-es = Español

nav-main = Principal
nav-home = Inicio
nav-find-therapist = Buscar terapeuta
nav-sign-in = Iniciar sesión
nav-sign-up = Crear una cuenta
nav-checkin = Registro diario
nav-sessions = Sesiones
nav-progress = Progreso
nav-messages = Mensajes
nav-account = Cuenta
nav-your-clients = Sus clientes
nav-groups = Grupos
nav-alerts = Alertas
nav-outcomes = Resultados
nav-profile = Perfil
nav-administration = Administración
nav-accounts = Cuentas
nav-licence-checks = Verificación de licencias
nav-notices = Avisos
nav-notices-unread =
    { $n ->
        [one] Avisos, { $n } sin leer
       *[other] Avisos, { $n } sin leer
    }
nav-sign-out = Cerrar sesión

errors-fix-first =
    { $n ->
        [one] Corrige esto primero
       *[other] Corrige estos puntos primero
    }
error-prefix = Error:
optional = (opcional)
no = No

## Los mensajes de los casos de uso en los formularios ($a, $b, $c: números o una lista de ellos).
## Los mensajes err-* son texto simple (la página los escapa), no HTML.
list-and = y
err-item9-required = Elige una respuesta para la pregunta 9. Es la única pregunta que no se puede omitir.
err-choose-answer = Elige una respuesta para la pregunta { $a }.
err-out-of-range = Elige una de las respuestas para la pregunta { $a } (un número del { $b } al { $c }).
err-too-many-missing = Elige respuestas para las preguntas { $a }. Se pueden dejar sin responder hasta dos preguntas.
err-mood = Elige tu estado de ánimo de hoy, del 0 al 10.
err-sleep = Escribe las horas que dormiste, de 0 a 24.
err-sleep-quarter = Escribe las horas que dormiste en cuartos de hora, por ejemplo 7, 7,25 o 7,5.
err-medication = Indica si tomaste tu medicación: la tomé, no la tomé o no tengo medicación recetada.
err-self-harm = Responde sí, no u omitir.
err-too-long = Usa como máximo { $a } caracteres.
err-too-many-signs = Marca como máximo { $a } señales de alerta.
err-email-format = Escribe un correo electrónico como nombre@ejemplo.org.
err-email-empty = Escribe tu correo electrónico.
err-name-empty = Escribe el nombre con el que quieres que te llamemos.
err-name-long = Usa 100 caracteres o menos.
err-name-chars = Usa solo letras, espacios y signos de puntuación.
err-password-short = Usa al menos { $a } caracteres. Unas cuantas palabras juntas son fáciles de recordar.
err-password-long = Usa { $a } caracteres o menos.
err-password-email = Elige una contraseña que no sea tu correo electrónico.
err-password-guessable = Elige una contraseña más difícil de adivinar.
err-check-name-email = Revisa tu nombre y tu correo electrónico.
err-email-taken = Ya existe una cuenta con este correo electrónico. Inicia sesión o restablece tu contraseña.
err-wrong-current-password = Esa no es tu contraseña actual.
err-totp-wrong = Ese código no coincide. Revisa la hora de tu teléfono y prueba el código más reciente.
err-bad-timezone = Elige una zona horaria de la lista, como America/Chicago o Europe/London.
notice-checkin-saved = Registro guardado. Gracias.
notice-password-changed = Tu contraseña ha cambiado. Se cerró tu sesión en todos los demás lugares.
notice-saved = Guardado.
notice-language-saved = Tu idioma está guardado.
notice-totp-on = El inicio de sesión en dos pasos está activado.
notice-feedback = Gracias por tu opinión. Tu terapeuta la verá.
notice-therapist = Gracias por decírnoslo. El centro se pondrá en contacto contigo sobre otro terapeuta.
notice-answered = Su respuesta se envió.
notice-joined = Bienvenido(a). Abajo está lo que cada persona comparte contigo.
notice-chosen = Has elegido a tu terapeuta: está en tu equipo de atención, abajo. Tu etapa de atención ha comenzado.
notice-calendar-stopped = La dirección del calendario está desactivada. Las aplicaciones de calendario suscritas no recibirán nada más.
notice-notification-settings = Tu configuración de notificaciones está guardada.
notice-signed-out = Has cerrado la sesión.
err-bad-credentials = El correo electrónico o la contraseña no son correctos.
err-throttled = Demasiados intentos. Por tu seguridad, espera un poco y vuelve a intentarlo.
err-signed-out = Inicia sesión para continuar.
err-csrf = Este formulario caducó. Vuelve atrás, recarga la página y envíalo de nuevo.
err-consent = Marca la casilla para aceptar, así podremos cuidar tu información para tu atención.
err-forbidden = No tienes acceso a esta página.
err-not-found = No encontramos esa página.
err-internal = Algo salió mal de nuestro lado. No se perdió nada de lo que escribiste; vuelve a intentarlo.
err-invalid = Algo en la solicitud no era correcto. Vuelve atrás, revisa lo que escribiste e inténtalo de nuevo.
save = Guardar
label-daily-checkin = Registro diario
label-today = hoy
label-intake-not-started = aún sin empezar
label-intake-draft = empezado; continúa donde lo dejaste
label-intake-sent = enviado
label-role-therapist = Terapeuta
label-role-psychiatrist = Psiquiatra (medicación)
label-role-co-therapist = Coterapeuta
label-role-supervisor = Supervisor(a)
plan-step-1 = 1. Mis señales de alerta
plan-step-1-prompt = Pensamientos, sentimientos, situaciones o conductas que me indican que puede estar empezando una crisis.
plan-step-2 = 2. Cosas que puedo hacer por mi cuenta
plan-step-2-prompt = Lo que me distrae o me ayuda a sentirme más tranquilo(a), sin contactar a nadie.
plan-step-3 = 3. Personas y lugares que me distraen
plan-step-3-prompt = Personas con las que puedo estar y lugares a los que puedo ir para despejarme.
plan-step-4 = 4. Personas a las que puedo pedir ayuda
plan-step-4-prompt = Nombres y números de teléfono de personas a las que puedo decir que lo estoy pasando mal.
plan-step-5 = 5. Profesionales y líneas de crisis
plan-step-5-prompt = Mi terapeuta, mi médico, un servicio de urgencias y líneas de crisis como el 988.
plan-step-6 = 6. Hacer mi entorno más seguro
plan-step-6-prompt = Lo que puedo guardar o pedir a alguien que guarde, para estar más seguro(a) durante una crisis.
error-demo-made-up = Todas las personas y todos los registros son inventados.
error-heading = Lo sentimos, eso no funcionó
error-home = Ir a tu página de inicio
staying-section-triggers = Lo que me puede hacer retroceder
staying-section-triggers-prompt = Situaciones, fechas, tensiones o cambios que antes me han bajado el ánimo.
staying-section-helps = Lo que me ayuda a mantenerme bien
staying-section-helps-prompt = Los hábitos, actividades y habilidades de la terapia que me mantienen bien, y qué hacer más cuando aparezcan las señales.
staying-section-contacts = A quién contactaré
staying-section-contacts-prompt = Las personas y los profesionales a quienes avisaré cuando note mis señales de alerta, con sus números.
staying-section-booster = Cuándo pediré una sesión de refuerzo
staying-section-booster-prompt = Por ejemplo: dos semanas con mis señales de alerta, o un PHQ-9 de 10 o más. Una sesión de refuerzo es una vuelta breve a la terapia para retomar el rumbo.
label-in-person = En persona
label-online = En línea
label-by-phone = Por teléfono
label-request-accepted = Se movió a una hora que propusiste
label-request-moved = Se movió a otra hora
label-request-declined = Se mantuvo a su hora
label-attended = Asistió
label-late-cancelled = Cancelada a última hora
label-no-show = No asistió
label-individual = Individual
label-family = Familiar
label-group = Grupal
where-own-room = en la sala propia de Rapport
where-join = Entrar
where-join-sr = a la sesión en línea
request-asked-on = Pediste otra hora el { $when }
request-proposing = , proponiendo
request-or = o
request-your-reason = Tu motivo:
request-not-answered = Tu terapeuta todavía no ha respondido. Mientras tanto la sesión sigue como está.

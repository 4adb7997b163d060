# Las páginas del cliente: registro diario, ayuda en crisis, inicio, plan de seguridad, cuenta.

back-home = Volver a su inicio
see-progress = Ver su progreso
open-safety-plan = Abrir mi plan de seguridad

## Registro diario
checkin-title = Registro diario
checkin-intro = Menos de 30 segundos. Puede omitir la nota si lo prefiere.
checkin-mood = ¿Cómo está su estado de ánimo hoy?
checkin-mood-scale = 0 es el peor, 10 el mejor.
checkin-mood-worst = 0 el peor
checkin-mood-best = 10 el mejor
checkin-sleep = Horas que durmió anoche
checkin-sleep-hint = Por ejemplo 7 o 6,5.
checkin-medication = ¿Tomó su medicación como se la recetaron?
checkin-missed-reason = Si no la tomó, ¿por qué?
checkin-signs = ¿Notó hoy alguna de sus señales de alerta?
checkin-add-signs = <a href="/staying-well#signs">Añada sus propias señales de alerta temprana</a> para marcarlas aquí.
checkin-self-harm-question = ¿Ha tenido hoy pensamientos de que estaría mejor muerto(a) o de hacerse daño?
checkin-note = ¿Quiere anotar algo?
checkin-note-private = (opcional, privado para usted y su equipo de atención)
checkin-save = Guardar registro
checkin-saved-title = Registro guardado
checkin-saved = Su registro está guardado
checkin-saved-thanks = Gracias por responder con sinceridad. Contárselo a alguien es un paso valiente.
medication-taken = La tomé como me la recetaron
medication-missed = No la tomé
medication-not_prescribed = No tengo medicación recetada
missed-reason-side_effects = Efectos secundarios
missed-reason-forgot = Se me olvidó
missed-reason-ran_out = Se me acabó
missed-reason-chose_not_to = Decidí no tomarla
self-harm-yes = Sí
self-harm-no = No
self-harm-skip = Prefiero no responder

## Ayuda en crisis
crisis-heading = Si está en crisis
crisis-lead = No está solo(a) y no tiene que esperar. Hay personas capacitadas para escucharle, a cualquier hora, de forma gratuita y confidencial.
crisis-with-someone = Si está con alguien que corre peligro, quédese con esa persona y pida ayuda.
crisis-now-heading = Nos dijo que ha tenido pensamientos de que estaría mejor muerto(a) o de hacerse daño
crisis-now-lead = Gracias por contárnoslo. No tiene que cargar con esto solo(a), y hay ayuda disponible ahora mismo.
crisis-now-told-clinician = <strong>Se ha avisado a su terapeuta</strong>, que se pondrá en contacto con usted.
crisis-now-told-practice = <strong>Se ha avisado a un profesional de su centro</strong>, que se pondrá en contacto con usted.
crisis-now-nobody = Todavía no tiene un profesional asignado, así que por favor llame ahora a una de las líneas de arriba: atienden de día y de noche.
crisis-now-act = Si siente que podría actuar según estos pensamientos, llame ahora a uno de los números de arriba o vaya al servicio de urgencias más cercano.
# Los mensajes crisis-line-* son texto simple (la página los escapa), no HTML.
crisis-line-988-call = Línea 988 de Prevención del Suicidio y Crisis (llamada, a cualquier hora; marque 2 para español)
crisis-line-988-call-action = Llamar al 988
crisis-line-988-text = Línea 988 de Prevención del Suicidio y Crisis (mensaje de texto: escriba AYUDA)
crisis-line-988-text-action = Enviar un mensaje al 988
crisis-line-988-chat = Chat de la Línea 988
crisis-line-988-chat-action = Chatear en 988lifeline.org
crisis-line-911 = Si está en peligro ahora: servicios de emergencia
crisis-line-911-action = Llamar al 911

## Cuenta
account-title = Su cuenta
account-name = Nombre
account-role = Rol
role-client = cliente
role-clinician = terapeuta
role-family = familiar
role-admin = administrador
account-totp = Inicio de sesión en dos pasos
account-on = activado
account-off = desactivado
account-change-password = Cambiar su contraseña
account-notifications = Notificaciones y recordatorios
account-access-log = Ver quién abrió su expediente
account-office-hours = Horario de atención y mensaje de ausencia para los mensajes
account-language = Idioma
account-language-legend = El idioma de sus páginas y correos electrónicos
account-language-browser = El idioma de mi navegador
account-language-save = Guardar idioma
account-therapist = Su terapeuta
account-therapist-text = Encontrar a la persona adecuada importa. Puede conocer a varias antes de elegir, volver con un terapeuta que ya vio aquí o pedir a otra persona.
account-consultations = Sus consultas
account-different-therapist = Pedir otro terapeuta
account-export = Descargar mis datos
account-export-what = Un archivo (un ZIP) con su propia copia de su expediente: sus cuestionarios y registros diarios, objetivos, plan de tratamiento, plan de seguridad y plan para mantenerse bien, sesiones, equipo de atención, las tareas que envió y sus mensajes.
account-export-inside = Dentro: una página en palabras sencillas que puede leer e imprimir (<code>summary.html</code>), tablas para una hoja de cálculo (<code>.csv</code>) y lo mismo en FHIR, el formato estándar que otro centro o aplicación de salud puede leer.
account-export-notes = Las notas privadas de psicoterapia de su terapeuta no están incluidas. El archivo trata sobre su salud: guárdelo en un lugar seguro.
account-calendar = Sus sesiones en su propio calendario
account-calendar-ready = <strong>Su dirección privada de calendario está lista.</strong> Solo se muestra esta vez: cópiela ahora.
account-calendar-address = Dirección del calendario
account-calendar-how = En su aplicación de calendario, elija añadir o suscribirse a un calendario “desde internet” (o “por URL”) y pegue esta dirección; sus sesiones aparecerán y se mantendrán al día.
account-calendar-private = Mantenga esta dirección en privado: quien la tenga puede ver cuándo y dónde son sus sesiones (nunca nombres ni notas). Si se difunde, desactívela y cree una nueva.
account-calendar-have = Tiene una dirección privada de calendario. Su aplicación de calendario muestra sus sesiones: cuándo y dónde, nunca nombres ni notas.
account-calendar-lost = La dirección se mostró una sola vez, cuando la creó. ¿La perdió? Cree una nueva: la anterior dejará de funcionar.
account-calendar-get = Tenga sus sesiones en la aplicación de calendario de su teléfono o computadora. Muestra cuándo y dónde, nunca nombres ni notas.
account-calendar-confirm-new = ¿Crear una dirección nueva? La anterior dejará de funcionar.
account-calendar-new = Crear una dirección nueva
account-calendar-create = Crear una dirección privada de calendario
account-calendar-confirm-stop = ¿Desactivar esta dirección? Las aplicaciones de calendario suscritas no recibirán nada más.
account-calendar-stop = Desactivar esta dirección
account-delete = Eliminar mi cuenta
account-delete-text = Puede pedir que se elimine su cuenta. Vea primero qué se borra de inmediato, qué se conserva y durante cuánto tiempo.

## Inicio
home-title = Su inicio
home-welcome = Bienvenido(a), { $name }
home-lead = Este es su espacio. Vaya paso a paso.
home-first-step = Su primer paso
home-intake-text = Cuéntele a su equipo de atención sobre usted y qué le trae a terapia. Puede guardarlo y continuar más tarde.
home-intake-carry-on = Continuar: Sobre usted
home-intake-start = Empezar: Sobre usted
home-intake-after = Cuando lo envíe, unos cuestionarios breves, uno a la vez.
home-today = Para hoy
home-step = Paso { $at } de { $of }
home-about-minutes = unos { $n } min
home-then = Después:
home-all-done = Todo hecho por hoy. Gracias.
home-nothing-today = Nada que completar hoy.
home-done-on = hecho { $when }
home-homework = Tareas
home-nothing-now = Nada que hacer ahora.
home-all-homework = Todas sus tareas y ejercicios para empezar por su cuenta
home-going = ¿Cómo le va con la terapia?
home-going-text = Ha asistido a { $sessions } sesiones. Sus puntuaciones en los cuestionarios todavía no muestran el cambio que esperaríamos a estas alturas ({ $start } al principio, { $latest } últimamente). Eso pasa, y vale la pena hablarlo.
home-going-talk = Su terapeuta también lo sabe. En su próxima sesión podrían hablar juntos sobre lo que le ayuda y lo que podría cambiar. Si siente que otro terapeuta le vendría mejor, también puede pedirlo.
home-group-offer = Le ofrecen un lugar en un grupo
home-group-choice = Unirse es decisión suya.
home-group-decide = Ver el grupo y decidir
home-your-group = Su grupo:
home-meeting-therapists = Conocer terapeutas
home-things-to-read = Lecturas
home-family-noticed = Lo que notó su familia
home-next-session = Su próxima sesión
home-minutes = { $n } min
home-none-booked = Todavía no hay ninguna reservada. Su terapeuta reserva las sesiones con usted.
home-all-sessions = Todas sus sesiones
home-plans = Sus planes
home-intake-link = Sobre usted (admisión)
home-treatment-plan = Mi plan de tratamiento
home-plan-new = nuevo: por favor léalo y acéptelo
home-goals = Mis objetivos
home-medicines = Mis medicamentos
home-sleep = Mi diario de sueño
home-staying-well = Mi plan para mantenerme bien
home-care-team = Su equipo de atención
home-no-team = Todavía no hay ningún profesional en su equipo de atención. Cuando su centro le ponga en contacto con un terapeuta, aparecerá aquí. También puede <a href="/find">buscar un terapeuta que encaje con usted</a> y conocer a varios antes de elegir.
home-since = desde { $since }
home-emergency = A quién llamar en una emergencia
home-emergency-text = Alguien a quien su equipo de atención puede contactar si le preocupa mucho su seguridad. Solo su equipo de atención puede verlo.
home-emergency-label = Nombre y número de teléfono
home-privacy = Su privacidad
home-family = Familiares y amigos: quién puede ver qué

## Iniciar sesión, crear cuenta, la página de inicio pública
field-email = Correo electrónico
field-password = Contraseña
login-failed = No se pudo iniciar sesión
login-new-here = ¿Es nuevo(a) aquí?
signup-name = Su nombre
signup-name-hint = El nombre con el que quiere que le llamemos.
signup-password-hint = Al menos 10 caracteres. Unas cuantas palabras juntas son fáciles de recordar y difíciles de adivinar.
signup-lead = Toma un minuto. Solo usted y los profesionales que elija verán lo que escriba.
signup-password-again = Guardamos lo que escribió, excepto la contraseña: por su seguridad, escriba su contraseña de nuevo.
signup-consent = Acepto que Rapport guarde mi información de salud, cifrada, para apoyar mi atención, y que la comparta solo con mi equipo de atención y con las personas que yo elija.
signup-submit = Crear cuenta
signup-have-account = ¿Ya tiene una cuenta?
public-title = Bienvenida
public-heading = Terapia para la depresión, con usted en cada paso
public-lead = Rapport es donde usted y su terapeuta planifican juntos su atención, siguen semana a semana cómo se siente y notan a tiempo cuando las cosas se ponen más difíciles, para que la ayuda llegue antes.
public-find = Encuentre un terapeuta que encaje con usted
public-find-text = Todos los terapeutas del <a href="/therapists">directorio</a> tienen la licencia verificada y aceptan clientes nuevos. Filtre por enfoque, idioma, lugar donde vive, tarifa o seguro, y pida a varios una consulta breve antes de elegir.
public-browse = Ver terapeutas
public-questions = Responda unas preguntas para encontrar quién encaja con usted
public-what = Lo que puede hacer aquí
public-what-find = <a href="/find"><strong>Encontrar un terapeuta que encaje con usted</strong></a> y conocer a varios antes de elegir.
public-what-checkin = <strong>Hacer su registro diario</strong> en menos de 30 segundos al día y ver su progreso.
public-what-plans = <strong>Guardar sus planes</strong>: objetivos, un plan de seguridad y cómo mantenerse bien.
public-learn = Aprenda sobre la depresión y la terapia
public-learn-text = Páginas breves y claras: <a href="/learn/what-is-depression">qué es la depresión</a>, <a href="/learn/approaches">tipos de terapia</a>, <a href="/learn/finding-a-therapist">cómo encontrar un terapeuta</a> y <a href="/learn">más</a>.
public-help = ¿Necesita ayuda ahora mismo?
public-help-text = Si está pensando en quitarse la vida o está en peligro, no necesita una cuenta. <a href="/crisis">Ayuda en crisis</a> indica a quién llamar o escribir, a cualquier hora.

## Progreso y plan de seguridad
progress-title = Su progreso
progress-lead = Puntuaciones más bajas significan menos síntomas. El camino sombreado es como suele mejorar la gente; el camino de cada persona es el suyo.
progress-medicine = Su medicación, semana a semana
progress-medicine-text = De sus registros diarios y de la pregunta semanal sobre efectos secundarios. <a href="/medications">Su lista de medicamentos</a>
charts-as-table = Mostrar como tabla
nothing-yet = Todavía nada.
plan-title = Plan de seguridad
plan-of = Plan de seguridad: { $name }
plan-danger-now = Si está en peligro ahora
plan-crisis-lines = Líneas de crisis
plan-version = Versión { $version }, { $updated }, escrita por { $by }.
plan-not-filled = Todavía sin completar.
plan-if-i-am-in-danger = Si estoy en peligro ahora
plan-print = Imprimir este plan
plan-none-own = Todavía no tiene un plan de seguridad. Es una lista breve, con sus propias palabras, de qué hacer cuando las cosas se ponen muy difíciles. Puede escribirlo solo(a) o con su terapeuta, y cambiarlo cuando quiera.
plan-none = Todavía no hay plan de seguridad.
plan-change = Cambiar el plan
plan-write = Escribir el plan
plan-save = Guardar el plan

## La biblioteca de lecturas
learn-index = Lecturas
learn-index-lead = Páginas breves y claras sobre la depresión y la terapia. Cada una se lee en unos minutos. Lea una cuando se sienta con ánimo.
learn-recommended = Recomendadas para usted
learn-recommended-by = Recomendada por { $name }
learn-all = Todas las páginas
learn-struggling = Si lo está pasando mal ahora mismo, no necesita leer nada antes. La página de <a href="/crisis">Ayuda en crisis</a> indica a quién llamar.
learn-what-is-depression = Qué es la depresión
learn-what-is-depression-summary = Qué es y qué no es la depresión, las señales más comunes y por qué se puede tratar.
learn-approaches = Tipos de terapia psicológica
learn-approaches-summary = Qué son la TCC, la activación conductual y las terapias cognitiva, interpersonal y psicodinámica, y cómo es una sesión.
learn-formats = Formas de hacer terapia
learn-formats-summary = Individual, en familia o en grupo; en persona, por video o por teléfono, y a quién conviene cada una.
learn-homework = Tareas entre sesiones
learn-homework-summary = Por qué los terapeutas proponen pequeñas tareas entre sesiones, y qué son los registros de pensamientos, los diarios de actividades, la resolución de problemas y escribir un diario.
learn-give-it-time = Cómo suele llegar el cambio
learn-give-it-time-summary = Qué esperar con el paso de las semanas, por qué los altibajos son normales y cómo ayudan los cuestionarios semanales.
learn-if-therapy-did-not-help = Si la terapia no le ayudó antes
learn-if-therapy-did-not-help-summary = Por qué a veces la terapia no ayuda la primera vez y cómo lograr que el siguiente intento se ajuste mejor a usted.
learn-medication-and-sleep = Medicación y sueño
learn-medication-and-sleep-summary = Cómo la medicación puede acompañar a la terapia, cómo tomarla de forma segura y hábitos de sueño que ayudan.
learn-finding-a-therapist = Cómo encontrar un terapeuta
learn-finding-a-therapist-summary = Cómo encontrar un terapeuta cualificado, qué significan las siglas que siguen a su nombre y qué preguntar en el primer encuentro.
learn-talking-about-depression = Hablar con otras personas sobre su depresión
learn-talking-about-depression-summary = Si contarlo, a quién y cuánto, algunas formas de empezar y qué hacer cuando no sale bien.
learn-medicines-side-effects = Medicamentos: efectos secundarios y qué hacer
learn-medicines-side-effects-summary = Qué efectos secundarios son comunes, cuáles suelen desaparecer, cuáles requieren llamar hoy a quien se lo recetó y cómo seguir tomando su medicamento de forma segura.

## Tareas y sesiones
homework-title = Sus tareas
homework-lead = Pequeños ejercicios entre sesiones. Todo lo que escribe se guarda sobre la marcha.
homework-to-do = Por hacer
homework-sent = Enviadas
homework-nothing-sent = Todavía no ha enviado nada.
homework-sent-on = enviada { $when }
homework-your-therapist = Su terapeuta:
homework-read = Leída por su terapeuta.
homework-start-own = Empezar un ejercicio por su cuenta
homework-which = ¿Qué ejercicio?
homework-start = Empezar
sessions-title = Mis sesiones
sessions-timezone = Las horas están en su zona horaria, { $zone }.
sessions-coming-up = Próximas
sessions-none-booked = Todavía no hay sesiones reservadas. Su terapeuta las reserva con usted.
sessions-cancelled-badge = cancelada
sessions-length = Duración
sessions-minutes =
    { $n ->
        [one] { $n } minuto
       *[other] { $n } minutos
    }
sessions-where = Dónde
sessions-with = Con
sessions-session = Sesión
sessions-ask-other-time = Pedir otra hora
sessions-why = ¿Por qué otra hora?
sessions-why-hint = Basta con una frase. Su terapeuta la ve y le responde; mientras tanto la sesión sigue como está.
sessions-times = Horas que le vendrían bien (si quiere)
sessions-times-hint = Hasta tres, en su zona horaria; la hora en formato de 24 horas, como 14:30.
sessions-date-n = Fecha { $n }
sessions-time-n = Hora { $n }
sessions-send-request = Enviar la solicitud
sessions-past = Sesiones pasadas
sessions-none-yet = Todavía ninguna.
sessions-cancelled = Cancelada
sessions-not-recorded = Todavía sin registrar

## Mensajes
messages-heading-own = Mensajes con su equipo de atención
messages-not-watched = Los mensajes no se vigilan a todas horas. Su equipo de atención los lee en su horario de atención, así que un mensaje no se lee de inmediato y una respuesta puede tardar un día o más. Si está en crisis o podría actuar según pensamientos de hacerse daño, no espere una respuesta: llame ahora a una de estas líneas.
messages-self-harm = Su equipo de atención leerá esto, pero no de inmediato. Enviar un mensaje no genera una alerta y no se avisa a nadie al momento. Si está en peligro ahora, llame a una de estas líneas:
messages-no-team = Todavía no tiene ningún profesional en su equipo de atención, así que nadie leería un mensaje aquí. Si necesita ayuda ahora, llame a una de las líneas de crisis.
messages-danger = Si está en peligro ahora, no espere una respuesta
messages-sent = Mensaje enviado.
messages-sent-own = Su equipo de atención lo leerá en su horario de atención, no de inmediato.
messages-not-at-once = Los mensajes no se leen de inmediato
messages-office-hours = Horario de atención
messages-no-hours = Sin horario de atención definido.
messages-times-in = Horas en { $zone }.
messages-away-message = Mensaje de ausencia:
messages-none = Todavía no hay mensajes.
messages-not-read = Todavía sin leer
messages-write-team = Escribir a su equipo de atención
messages-write-to = Escribir a { $name }
messages-up-to = Hasta { $max } caracteres.
messages-reads-in-hours = Su equipo de atención lee los mensajes en su horario de atención.
messages-send = Enviar mensaje

## Mantenerse bien
staying-title = Mantenerse bien
staying-of = Plan para mantenerse bien: { $name }
staying-lead-own = La depresión puede volver. Un plan hecho mientras está bien hace más fácil notarlo a tiempo y actuar a tiempo.
staying-lead = La depresión puede volver. Un plan hecho mientras el cliente está bien hace más fácil notarlo a tiempo y actuar a tiempo.
staying-signs-own = Mis señales de alerta temprana
staying-signs = Señales de alerta temprana
staying-signs-hint-own = Pequeños cambios que llegan antes de que las cosas empeoren. Cada una se convierte en una casilla para marcar en el registro diario; marcar las mismas señales dos días en una semana avisa a tiempo a su equipo de atención.
staying-signs-hint = Pequeños cambios que llegan antes de que las cosas empeoren. Cada una se convierte en una casilla para marcar en el registro diario; marcar las mismas señales dos días en una semana avisa a tiempo al equipo de atención.
staying-no-signs = Todavía no hay señales.
staying-take-off = Quitar de la lista
staying-add-sign = Añadir la señal
staying-sign-label = Una señal de alerta, en pocas palabras
staying-the-plan = El plan

## Objetivos
goals-title = Objetivos
goals-of = Objetivos: { $name }
goals-lead = Objetivos fijados juntos: cómo se ve el éxito, cómo lo sabrán ambos y cuánto se ha avanzado.
goal-status-active = en curso
goal-status-achieved = logrado
goal-status-dropped = dejado de lado
goals-success = Cómo se ve el éxito
goals-measured-by = Cómo lo sabremos
goals-by = Para
goals-how-far = Cuánto se ha avanzado
goals-rating-of-ten = { $n } de 10
goals-why-closed = Por qué se cerró
goals-how-far-now = ¿Cuánto ha avanzado ahora?
goals-scale = 0 sin empezar, 10 logrado
goals-note = Una nota (opcional)
goals-record = Registrar el avance
goals-close-this = Cerrar este objetivo
goals-outcome = Resultado
goals-achieved = Logrado
goals-set-aside = Dejado de lado
goals-why = Por qué
goals-close = Cerrar el objetivo
goals-set = Fijar un objetivo
goals-set-the = Fijar el objetivo
goals-field-title = El objetivo, en pocas palabras
goals-field-measured-by = Cómo lo sabremos (opcional)
goals-field-target = Fecha prevista (opcional)

# Más páginas en español (issue 21): comprobación de licencias, periodos del informe, frases de los casos de uso, tareas de sueño.


## The clinicians' licence checks (/admin/clinicians)
more-verify-title = Comprobación de licencias
more-verify-lead = Un terapeuta aparece en el directorio público cuando usted registra una comprobación de su licencia, mientras acepte clientes nuevos. Anote el número de licencia, el estado o país que la expidió y el día en que la comprobó con el organismo que concede las licencias.
more-verify-none = Todavía no hay cuentas de terapeutas.
more-verify-state-disabled = Cuenta desactivada: no aparece en el directorio
more-verify-state-no-profile = Todavía sin perfil: no aparece en el directorio
more-verify-state-unchecked = Licencia sin comprobar: no aparece en el directorio
more-verify-state-not-accepting = No acepta clientes nuevos: no aparece en el directorio
more-verify-state-listed = Aparece en el directorio
more-verify-checked = Licencia <span translate="no">{ $number }</span> (<span translate="no">{ $issuer }</span>) comprobada el { $date }
more-verify-number = Número de licencia
more-verify-issuer = Expedida por (estado o país)
more-verify-date = Fecha de la comprobación
more-verify-record = Registrar la comprobación
more-verify-record-for = de <span translate="no">{ $name }</span>

## The outcome report: a period's row
more-report-month = { $n ->
        [1] enero
        [2] febrero
        [3] marzo
        [4] abril
        [5] mayo
        [6] junio
        [7] julio
        [8] agosto
        [9] septiembre
        [10] octubre
        [11] noviembre
       *[12] diciembre
    } de { $year }
more-report-quarter = { $n }.º trimestre de { $year }

## A use-case's message about one line of a list (the crisis lines)
more-err-line = Renglón { $a }: { $b }

## The sleep homework (sleep_diary, sleep_window): kinds, purposes, the form's words
hw-kind-sleep_diary = Diario de sueño
hw-kind-sleep_window = Horario de sueño
hw-purpose-sleep_diary = Anota cada noche cuándo te acostaste, te dormiste, te despertaste y te levantaste.
hw-purpose-sleep_window = Mantén cada día la misma hora de acostarte y de levantarte, y anota cómo te fue.
more-hw-f-nights = Noches
more-hw-f-night = Noche
more-hw-f-morning = La mañana en que terminó
more-hw-f-bedtime = Me acosté a las
more-hw-f-fall-asleep = Minutos hasta dormirme
more-hw-f-awake = Minutos despierto(a) durante la noche
more-hw-f-woke = Me desperté por última vez a las
more-hw-f-rose = Me levanté a las
more-hw-f-window-bedtime = Hora de acostarte que vas a mantener
more-hw-f-window-rise = Hora de levantarte, todos los días
more-hw-f-window-how = Cómo te fue al mantenerlo (opcional)

## Frases de los casos de uso (en i18n/errors.rs)
more-notice-licence-recorded = La comprobación de la licencia queda registrada.
more-err-licence-number = Escriba el número de licencia.
more-err-licence-issuer = Escriba el estado o país que expidió la licencia.
more-err-licence-date = Escriba la fecha en que comprobó la licencia.
more-err-licence-future = La fecha de la comprobación no puede ser futura.
more-err-date-like = Escriba la fecha así: 2026-11-30.
more-err-date-iso = Escriba la fecha como AAAA-MM-DD.
more-err-end-after-start = Indique un final posterior al comienzo.
more-err-at-most-chars = Use como máximo { $a } caracteres.
more-err-day-or-instant = Use un día como 2026-12-01 o un instante como 2026-12-01T08:00:00Z.
more-err-account-id = Indique el identificador de una cuenta.
more-err-outcome = Use ok, denied o failed.
more-err-audit-page = Use una página del 1 al 200; para ir más atrás, use `before`.
more-err-sequence = Use un número de secuencia.
more-err-whole-number = Use un número entero a partir de 1.
more-err-country-code = Use el código de dos letras del país, como US, GB o DE.
more-err-crisis-lines-many = Indique como máximo { $a } líneas de crisis.
more-err-crisis-link = Escriba un enlace tel:, sms: o https://.
more-err-crisis-label = Escriba qué es la línea.
more-err-crisis-action = Escriba lo que dice el botón.
more-err-crisis-href = Empiece el enlace con tel:, sms: o https://, sin espacios.
more-err-schedule-what = Use checkin, phq9, gad7 o who5.
more-err-group-name = Ponga un nombre al grupo.
more-err-group-approach = Elija el enfoque que sigue el grupo.
more-err-group-places = Un grupo tiene de { $a } a { $b } plazas.
more-err-group-weeks = Un grupo dura de { $a } a { $b } semanas.
more-err-group-schedule = Indique cuándo se reúne el grupo, por ejemplo los miércoles de 18:00 a 19:30.
more-err-group-empty = Todavía no se ha unido nadie al grupo; programe sus sesiones cuando alguien se una.
more-err-group-note = Escriba la nota sobre el grupo.
more-err-med-many = Anote como máximo { $a } medicamentos.
more-err-med-started = Escriba el día en que empezó el medicamento (o una fecha aproximada).
more-err-med-stop-before = El día en que se dejó no puede ser anterior al día en que se empezó.
more-err-med-stop-reason = Escriba el día en que se dejó, o deje vacío el motivo.
more-err-use-date = Use una fecha como 2026-11-30.
more-err-med-reason-missed = El motivo solo acompaña a una dosis olvidada; déjalo vacío, o elige que no la tomaste.
more-err-med-intake-none = Tu entrevista inicial no menciona medicamentos que confirmar.
more-err-intake-med-many = Anota hasta { $a } medicamentos; habla del resto con tu terapeuta.
more-err-intake-med-name = Escribe el nombre del medicamento (o borra la dosis y quién lo receta).
more-err-sleep-morning = Elige una mañana de los últimos 30 días, hoy como muy tarde.
more-err-sleep-bedtime = Escribe la hora de acostarte que vas a mantener.
more-err-sleep-minutes = Escribe los minutos, de 0 a 720.
more-err-sleep-one-night = Anota al menos una noche.
more-err-sleep-rise-bedtime = La hora de levantarse debe ser distinta de la hora de acostarse.
more-err-day-like-1130 = Indica el día, por ejemplo 2026-11-30.
more-err-day-like-1231 = Indique el día, por ejemplo 2026-12-31.
more-err-number-to = Elige un número del 0 al { $a }.
more-err-rows = Usa como máximo { $a } filas.
more-err-last-day = Indique el último día, por ejemplo 2026-12-31.
more-err-time-24h = Indica la hora en formato de 24 horas, como 14:30, o déjala vacía.
more-err-hot-thought = Marca un pensamiento como el pensamiento caliente: el que trae más emoción.
more-err-situation = Di dónde estabas y qué pasó.
more-err-did-it-first = Marca que lo hiciste para valorar cuánto lo disfrutaste.
more-err-not-a-day = Ese no es un día de este ejercicio (o todavía no ha llegado).
more-err-every = Elija cada día o cada semana.
more-err-today-or-later = Elija hoy o un día posterior.
more-err-last-after-first = El último día tiene que ser el primero o uno posterior.
more-err-repeat-year = Repita como máximo durante un año; después, asígnela de nuevo.
more-err-choose-exercise = Elige uno de los ejercicios.
more-err-choose-exercise-custom = Elige uno de los ejercicios; uno personalizado viene de tu terapeuta.
more-err-exercise-what = Diga en qué consiste el ejercicio: el cliente solo ve esto.
more-err-instructions = Las instrucciones vienen de tu terapeuta; escribe lo que piensas en el propio ejercicio.
more-err-session-minutes = Una sesión dura de { $a } a { $b } minutos.
more-err-session-weeks = Elija de 1 (una vez) a { $a } sesiones semanales.
more-err-session-kind = Elija una sesión individual, familiar o de grupo.
more-err-session-modality = Elija en persona, en línea o por teléfono.
more-err-session-who = Elija con quién es la sesión.
more-err-session-one-client = Una sesión individual o familiar es con un solo cliente; para más, elija una sesión de grupo.
more-err-session-link = Déjelo vacío para usar la sala de la propia sesión, o indique un enlace externo que empiece por https://.
more-err-attendance-early = La asistencia se registra una vez empezada la sesión.
more-err-attendance-cancelled = Esta sesión se canceló; no hay asistencia que registrar.
more-err-attendance-choice = Elija asistió, canceló tarde o no asistió.
more-err-session-when = Elija la fecha y la hora de la sesión.
more-err-time-future = Elija una hora futura.
more-err-new-when = Elija la nueva fecha y hora.
more-err-session-client = Elija un cliente de esta sesión.
more-err-propose-future = Propón una hora futura.
more-err-propose-many = Propón como máximo { $a } horarios.
more-err-time-n = Horario { $a }: indica la fecha y la hora, por ejemplo 14:30.
more-err-move-asked = Ya pediste cambiar esta sesión; tu terapeuta te responderá.
more-err-move-answer = Elija un horario que propuso el cliente, otro horario, o mantenga el horario.
more-err-move-proposed = Elija uno de los horarios propuestos.
more-err-move-started = Esta sesión ya empezó; programe una nueva.
more-err-time-passed = Ese horario ya pasó; elija otro.
more-err-room-full = En la sala caben { $a } personas; alguien tiene que salir primero.
more-err-plan-approach = Elija el enfoque.
more-err-plan-ipt-focus = La terapia interpersonal necesita su área de trabajo: duelo, disputas de rol, transiciones de rol o déficits interpersonales.
more-err-plan-focus-other = El área de trabajo es solo de la terapia interpersonal; déjela vacía con este enfoque.
more-err-plan-format = Elija sesiones individuales, familiares o de grupo.
more-err-plan-modality = Elija en persona, en línea, por teléfono o una combinación.
more-err-plan-frequency = Elija con qué frecuencia se van a ver.
more-err-plan-sessions = Indique el número previsto de sesiones, de 1 a { $a }.
more-err-plan-review = Elija una fecha de revisión de hoy en adelante.
more-err-plan-measures = Elija las medidas objetivo entre PHQ-9, GAD-7 y WHO-5.
more-err-plan-one-part = Escribe al menos una parte. Puedes añadir las demás más adelante.
more-err-signs-many = Veinte señales es el máximo; quita una primero.
more-err-goal-progress = Elige cuánto ha avanzado, de 0 (sin empezar) a 10 (conseguida).
more-err-goal-reached = Di cómo se verá cuando se consiga la meta.
more-err-goal-close = Elige conseguida o abandonada.
more-err-say-why = Di por qué, en una frase.
more-err-say-why-record = Diga por qué, en una frase: queda en la historia.
more-err-episode-state = Elija activo, mantenimiento o cerrado.
more-err-episode-none = El cliente no tiene ningún episodio abierto; abra uno primero.
more-err-note-signed = Esta nota está firmada y no se puede cambiar. Añada en su lugar una enmienda con fecha.
more-err-note-amend-draft = Las enmiendas son para notas firmadas; cambie el propio borrador.
more-err-alert-action = Escriba lo que hizo o va a hacer, en una o dos frases.
more-err-library-page = Elija una página de la biblioteca.
more-err-observation-note = Usa como máximo 500 caracteres en la nota.
more-err-observation-reason = Use como máximo 500 caracteres en el motivo.
more-err-observation-empty = Marca al menos una señal, o escribe una nota breve.
more-err-observation-signs = Marca menos señales: una observación admite como máximo 50.
more-err-observation-hide = Anote el motivo de seguridad para ocultarle esto al cliente.
more-err-not-their-sign = Esta no es una de sus señales de alerta.
more-err-not-your-sign = Esta no es una de tus señales de alerta.
more-err-already-listed = Esto ya está en la lista.
more-err-reminder-mails = Elige un número de 0 (ningún correo de recordatorio) a { $a }.
more-err-time-hhmm = Indica una hora como HH:MM, por ejemplo 21:00.
more-err-quiet-end = Indica la hora en que acaban las horas de silencio, o borra las dos horas para no tenerlas.
more-err-quiet-start = Indica la hora en que empiezan las horas de silencio, o borra las dos horas para no tenerlas.
more-err-quiet-same = Las horas de silencio tienen que acabar a una hora distinta de la que empiezan.
more-err-notice-not-sent = No recibes este tipo de aviso.
more-err-notice-kind = No existe ese tipo de aviso.
more-err-cons-one = Elige al menos un terapeuta con quien reunirte.
more-err-cons-three = Puedes pedírselo a tres terapeutas a la vez como máximo.
more-err-cons-time = Indica al menos un horario que te venga bien.
more-err-cons-five = Indica como máximo cinco horarios.
more-err-cons-time-long = Usa menos de 200 caracteres en cada horario.
more-err-cons-message-long = Usa menos de 1.000 caracteres en el mensaje.
more-err-cons-why = Diga brevemente por qué, para que la persona pueda buscar en otro sitio.
more-err-cons-answered = Esta solicitud ya tiene respuesta.
more-err-cons-accepted-only = Solo se puede elegir una consulta que el terapeuta aceptó.
more-err-accounts-page-size = Pida de 1 a 100 cuentas por página.
more-err-role = Elija client, clinician, family o admin.
more-err-pages-from-1 = Las páginas se cuentan desde 1.
more-err-type-200 = Escriba como máximo 200 caracteres.

# Episodios: $a y $b son las etiquetas de estado de la ficha, ya en el idioma de la página.
more-err-episode-move = Un episodio en «{ $a }» no puede pasar a «{ $b }».
# Las opciones de la valoración del riesgo, cuando un formulario alterado envía otra palabra.
more-err-risk-ideation = Elija una opción: ninguna, pasiva o activa.
more-err-risk-plan = Elija una opción: ninguno, vago o específico.
more-err-risk-intent = Elija una opción: ninguna, alguna o clara.
more-err-risk-behaviour = Elija una opción: ninguna, actos preparatorios o intento.
more-err-risk-judgement = Elija una opción: bajo, moderado o alto.
# La conexión de la sala en línea: lo que el servidor responde al script de la sala.
more-err-room-not-understood = No se entendió el mensaje.
more-err-room-write-first = Escribe algo primero.
more-err-room-not-let-in = Podrás escribir cuando te dejen entrar.
more-err-room-not-this-session = Esa línea no es de esta sesión; cópiela en la nota.
more-err-room-group-line = En un grupo solo se puede guardar la línea propia de un miembro, en su expediente.
more-err-room-only-clinician = Solo el profesional que dirige la sesión puede hacer eso.
more-err-room-try-again = No funcionó; inténtalo de nuevo en un momento.
more-err-room-full-waiting = La sala está llena ({ $a } personas); estás en la sala de espera hasta que alguien salga.
more-err-room-no-longer-waiting = Esa persona ya no está esperando.

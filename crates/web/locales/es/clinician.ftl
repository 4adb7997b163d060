# Las páginas diarias del clínico: la lista de clientes, la historia clínica, las alertas, las sesiones y sus notas.
# Los mensajes son HTML: escriba & como &amp; donde una página lo muestre; las variables se escapan.

## La lista de clientes (/home)
cl-home-title = Sus clientes
cl-home-emergency = ¿Un cliente que no es suyo necesita ayuda ahora?
cl-home-emergency-link = Acceso de emergencia
cl-home-consultations = Solicitudes de consulta
cl-home-consultations-waiting =
    { $n ->
        [one] { $n } persona pide reunirse con usted.
       *[other] { $n } personas piden reunirse con usted.
    }
cl-home-consultations-answer = Responder: aceptar con una hora, o rechazar
cl-home-talk = Conviene hablar de cómo va la terapia
cl-home-talk-why = Ocho o más sesiones sin una mejoría fiable en el PHQ-9 (un descenso de 6 puntos). La página de inicio del cliente le ofrece hablarlo con usted, y la opción de otro profesional.
cl-home-talk-sessions = { $n } sesiones
cl-home-none = Todavía no hay clientes en sus equipos de atención. Un administrador le añade al equipo de atención de un cliente.
cl-home-filter = Filtrar sus clientes
cl-home-show = Mostrar
cl-home-name = Nombre
cl-home-table = Sus clientes, los más urgentes primero
cl-home-caption =
    { $n ->
        [one] { $shown } de { $n } cliente, los más urgentes primero: alertas críticas, después altas, después fuera de la trayectoria esperada
       *[other] { $shown } de { $n } clientes, los más urgentes primero: alertas críticas, después altas, después fuera de la trayectoria esperada
    }
cl-home-col-client = Cliente
cl-home-col-alerts = Alertas
cl-home-col-latest = Último PHQ-9
cl-home-col-since = Desde el inicio
cl-home-col-progress = Evolución
cl-home-col-checkin = Último registro
cl-home-col-next = Próxima sesión
cl-home-homework-new =
    { $n ->
        [one] { $n } nueva
       *[other] { $n } nuevas
    }
cl-home-homework-review = {" "}tareas por revisar
cl-home-acknowledged = (atendida)
cl-home-none-yet = ninguno todavía
cl-home-never = nunca
cl-home-none-booked = ninguna programada
cl-home-no-match = Ningún cliente coincide.
cl-home-everyone = Mostrar a todos
cl-today = hoy
cl-yesterday = ayer
cl-days-ago = hace { $n } días
cl-reason-alert =
    { $more ->
        [0] Alerta { $level }: { $kind }
       *[other] Alerta { $level }: { $kind } (+{ $more } más)
    }
cl-reason-alert-acknowledged =
    { $more ->
        [0] Alerta { $level }: { $kind }, atendida
       *[other] Alerta { $level }: { $kind }, atendida (+{ $more } más)
    }
cl-reason-not-on-track = Fuera de la trayectoria esperada
cl-reason-not-on-track-latest = Fuera de la trayectoria esperada: PHQ-9 { $total }
cl-reason-not-on-track-since = Fuera de la trayectoria esperada: PHQ-9 { $total }, { $points } desde el inicio
cl-reason-not-started = Todavía sin empezar
cl-reason-no-checkin-days = Sin registro diario desde hace { $n } días
cl-reason-no-checkin = Todavía sin registro diario
cl-reason-no-phq9 = Todavía sin PHQ-9
cl-change-improvement = { $points }, mejoría fiable
cl-change-deterioration = { $points }, empeoramiento fiable
cl-change-points = { $points } puntos

## Palabras que dan los casos de uso (listadas en i18n/errors.rs)
cl-level-critical = crítica
cl-level-high = alta
cl-level-medium = media
cl-level-low = baja
cl-level-critical-capital = crítica
cl-level-high-capital = alta
cl-level-medium-capital = media
cl-level-low-capital = baja
cl-flag-safety = seguridad
cl-flag-deterioration = empeoramiento
cl-flag-relapse = recaída
cl-flag-not-on-track = fuera de la trayectoria esperada
cl-flag-warning-signs = señales de alerta
cl-flag-disengagement = desvinculación
cl-flag-alliance = alianza terapéutica
cl-flag-side-effects = efectos secundarios
cl-progress-not-started = sin empezar
cl-progress-see-alert = ver la alerta
cl-progress-too-early = aún es pronto para saberlo
cl-progress-on-track = en la trayectoria esperada
cl-filter-everyone = Todos
cl-filter-alerts = Con alertas abiertas
cl-filter-not-on-track = Fuera de la trayectoria esperada
cl-filter-no-checkin = Sin registro diario en 7 días
cl-status-open = abierta
cl-status-acknowledged = atendida
cl-status-resolved = resuelta

## La historia clínica (/clients/{id})
cl-chart-record-risk = Registrar una evaluación del riesgo
cl-chart-safety-plan = Plan de seguridad
cl-chart-treatment-plan = Plan de tratamiento
cl-chart-goals = Objetivos
cl-chart-staying-well = Mantenerse bien
cl-chart-messages = Mensajes
cl-chart-summary = Resumen
cl-chart-latest-measures = Últimas mediciones
cl-chart-no-questionnaire = Todavía ningún cuestionario.
cl-chart-open-alerts = Alertas abiertas
cl-chart-none = Ninguna.
cl-chart-next-session = Próxima sesión
cl-chart-none-booked = Ninguna programada.
cl-chart-schedule-one = Programar una
cl-chart-notes-to-write = Notas por escribir
cl-chart-n-sessions =
    { $n ->
        [one] { $n } sesión
       *[other] { $n } sesiones
    }
cl-chart-plans = Planes
cl-chart-not-written = sin escribir
cl-chart-goals-open = { $n } en curso
cl-chart-goals-closed =
    { $n ->
        [one] , { $n } cerrado
       *[other] , { $n } cerrados
    }
cl-chart-on-this-page = En esta página
cl-chart-alerts = Alertas
cl-chart-medication = Medicación
cl-chart-observations = Observaciones de la familia
cl-chart-sessions = Sesiones
cl-chart-homework = Tareas
cl-chart-charts = Gráficos
cl-chart-timeline = Cronología
cl-chart-feedback = Valoración de las sesiones
cl-chart-intake = Entrevista inicial
cl-chart-episode = Episodio de atención
cl-chart-recommend-page = Recomendar una página
cl-chart-schedule = Calendario de mediciones
cl-chart-about = Datos del cliente
cl-chart-team = Equipo de atención
cl-chart-no-open-alerts = No hay alertas abiertas.
cl-chart-observations-about = Lo que notaron los familiares que el cliente invitó. Las señales que marcan cuentan para la alerta de señales de alerta igual que las del propio cliente. El cliente ve cada observación, salvo que usted la oculte por un motivo de seguridad.
cl-chart-none-yet = Ninguna todavía.
cl-chart-noticed = Notaron:
cl-chart-hidden = oculta
cl-chart-hide-summary = Ocultar al cliente
cl-chart-hide-reason = El motivo de seguridad (queda registrado)
cl-chart-hide-button = Ocultarla al cliente
cl-chart-schedule-session = Programar una sesión
cl-chart-no-sessions = Todavía no hay sesiones.
cl-chart-earlier-sessions = { $n } sesiones anteriores
cl-chart-notes-none = Ninguna: cada sesión suya a la que asistió { $name } tiene una nota de evolución firmada.
cl-chart-notes-due = Sus sesiones con { $name } que ya empezaron, de la más antigua a la más reciente, sin una nota de evolución firmada.
cl-chart-attendance-not-recorded = asistencia sin registrar
cl-chart-completion = Cumplimiento: se hizo el <strong>{ $pct } %</strong> de las tareas que vencieron.
cl-chart-completion-none = Cumplimiento: <span class="muted">todavía no ha vencido ninguna tarea</span>.
cl-chart-no-homework = Todavía no hay tareas.
cl-chart-entry-draft = en redacción (un borrador, todavía sin enviar).
cl-chart-entry-sent = enviada
cl-chart-reviewed = Revisada
cl-chart-comment-for = Comentario para { $name } (opcional)
cl-chart-mark-reviewed = Marcar como revisada
cl-chart-assign-homework = Asignar una tarea
cl-chart-exercise = Ejercicio
cl-chart-instructions = Instrucciones (opcionales; necesarias para «{ $custom }»)
cl-chart-due-on = Fecha de entrega (opcional)
cl-chart-repeat = Repetir
cl-chart-repeat-until = Repetir hasta (si se repite)
cl-chart-assign = Asignar
cl-chart-nothing-yet = Nada todavía.
cl-chart-show-all-lines = Mostrar las { $n } líneas
cl-chart-no-feedback = Todavía no hay valoraciones. Se le pregunta al cliente después de cada sesión a la que asiste.
cl-chart-feedback-caption = Respuestas de 0 a 10, las más recientes primero; 5 o menos abre una alerta de alianza terapéutica
cl-chart-fb-date = Fecha
cl-chart-fb-heard = Escuchado y respetado
cl-chart-fb-worked = Se trabajó lo que quería
cl-chart-fb-approach = El enfoque encaja
cl-chart-fb-overall = En general
cl-chart-fb-comment = Comentario
cl-chart-no-plan = Todavía no hay plan de tratamiento.
cl-chart-open-plan = Abrir o cambiar el plan
cl-chart-write-plan = Escribir el plan
cl-chart-intake-none = Todavía no hay nada escrito. El cliente encuentra la entrevista inicial en su página de inicio.
cl-chart-no-episode = Todavía no hay episodio: empieza con el primer cuestionario o registro diario, o aquí.
cl-chart-since = desde { $date }
cl-chart-change-to = Cambiar a
cl-chart-episode-start = Empezar un episodio (en tratamiento)
cl-chart-episode-start-treatment = Empezar el tratamiento (tras conocerse)
cl-chart-episode-reopen = Reabrir (de nuevo en tratamiento)
cl-chart-episode-maintenance = Alta a la fase de mantenimiento (PHQ-9 mensual)
cl-chart-episode-close = Cerrar el episodio
cl-chart-why = Motivo
cl-chart-episode-change = Cambiar el episodio
cl-chart-recommend = Recomendar una lectura
cl-chart-library-page = Una página de la biblioteca
cl-chart-for-whom = Para quién
cl-chart-for-client = Para el cliente
cl-chart-for-family = Para la familia (los familiares a quienes el cliente deja leer páginas)
cl-chart-recommend-button = Recomendar
cl-chart-every = { $what }: cada cuántos días (0 = no se pide)
cl-chart-save-schedule = Guardar el calendario
cl-chart-email = Correo electrónico
cl-chart-timezone = Zona horaria
cl-chart-with-since = En Rapport desde
cl-chart-emergency-contact = Contacto de emergencia
cl-chart-not-given = no indicado
cl-chart-opening-recorded = Queda registrado que usted abrió esta historia, y { $name } puede verlo.
cl-chart-version = versión { $version }, { $date }
cl-chart-plan-agreed = acordado el { $date }
cl-chart-plan-not-agreed = todavía sin acordar
cl-chart-plan-line = { $approach }, { $frequency }, { $n } sesiones (versión { $version }, { $agreed })
cl-chart-episode-started = inicio: { $state }
cl-topic-measure = medición
cl-topic-flag = alerta
cl-topic-session = sesión
cl-topic-note = nota
cl-topic-plan = plan terapéutico
cl-topic-goal = objetivo
cl-topic-episode = episodio
cl-topic-intake = entrevista inicial
cl-session-what = { $kind }, { $where }, { $minutes } minutos

## Palabras de los casos de uso en la historia clínica (listadas en i18n/errors.rs)
cl-notice-schedule = Calendario guardado.
cl-notice-risk = Evaluación del riesgo guardada.
cl-notice-episode = El episodio está actualizado.
cl-notice-recommended = Recomendada. El cliente la ve en su página de la biblioteca.
cl-notice-recommended-family = Recomendada para la familia. La ven los familiares a quienes el cliente deja leer páginas.
cl-notice-homework = Tarea asignada. El cliente la ve en su página de inicio.
cl-notice-reviewed = Marcada como revisada. El cliente ve su comentario.
cl-notice-hidden = Oculta al cliente. Sigue aquí y sigue contando para la alerta de señales de alerta.
cl-notice-hide-reason = No se ocultó: registre el motivo de seguridad (hasta 500 caracteres) para ocultarla.
cl-note-state-draft = borrador guardado, sin firmar
cl-intake-draft = en redacción (un borrador)
cl-episode-label-consultation = Conociéndose
cl-episode-label-active = En tratamiento
cl-episode-label-maintenance = Mantenimiento (tras el alta)
cl-episode-label-closed = Cerrado
cl-episode-label-unknown = Desconocido
cl-attendance-attended = asistió
cl-attendance-late-cancelled = cancelada a última hora
cl-attendance-no-show = no asistió
cl-session-cancelled = cancelada
cl-session-upcoming = próxima
cl-approach-cbt = Terapia cognitivo-conductual (TCC)
cl-approach-behavioural-activation = Activación conductual
cl-approach-cognitive-therapy = Terapia cognitiva
cl-approach-interpersonal = Terapia interpersonal (TIP)
cl-approach-psychodynamic = Terapia psicodinámica
cl-approach-family = Terapia familiar
cl-approach-group = Terapia de grupo
cl-frequency-weekly = Cada semana
cl-frequency-twice-weekly = Dos veces por semana
cl-frequency-fortnightly = Cada dos semanas
cl-frequency-monthly = Cada mes

## Alertas (/alerts y las tarjetas de la historia clínica)
cl-alerts-title = Alertas
cl-alerts-none = No hay alertas nuevas. Buen trabajo manteniéndose al día.
cl-alerts-acknowledged = Atendidas, todavía sin resolver
cl-alert-triage = <strong>Todavía sin equipo de atención.</strong> Usted lo ve por estar de guardia de triaje.
cl-alert-take-on = Hacerse cargo de { $name } como su terapeuta
cl-alert-on-call = <strong>Escalada a usted, que está de guardia.</strong> Usted no está en el equipo de atención de { $name }: puede leer su historia y atender o resolver esta alerta hasta que se resuelva.
cl-alert-suggested = Sugerencia:
cl-alert-opened = Abierta el
cl-alert-escalated = <strong>Escalada</strong> porque nadie la atendió a tiempo: { $words }.
cl-alert-acknowledged = Atendida:
cl-open-safety-plan = Abrir el plan de seguridad
cl-alert-what-did-you-do = ¿Qué hizo o qué va a hacer?
cl-alert-acknowledge = Marcar como atendida
cl-alert-how-resolved = ¿Cómo se resolvió?
cl-alert-resolve = Resolver
cl-escalated-on-call = { $when } a { $names } (de guardia)
cl-escalated-triage = { $when } a { $names } (de guardia de triaje; no había nadie de guardia)
cl-escalated-nobody = { $when }, pero no había nadie de guardia ni de triaje a quien avisar
# Las explicaciones de las reglas (rapport_core::alerts::Rule::explanation, por su id) y las
# sugerencias de cada tipo (FlagKind::suggestion).
cl-rule-safety_item9 = El ítem 9 del PHQ-9 (pensamientos de que estaría mejor muerto o de hacerse daño) se respondió «varios días» o más. Esto abre una alerta sea cual sea el total. Es una alerta, no una evaluación del riesgo: evalúe el riesgo y revise el plan de seguridad.
cl-rule-safety_item9_unanswered = La pregunta sobre pensamientos de autolesión (ítem 9 del PHQ-9) quedó sin responder. El cuestionario se rechazó y se pidió al cliente que la respondiera; dejarla en blanco ya merece una pregunta.
cl-rule-safety_self_harm_check_in = En el registro diario, el cliente respondió que sí a «¿Ha tenido hoy pensamientos de que estaría mejor muerto o de hacerse daño?» (equivale a responder 1 o más en el ítem 9 del PHQ-9). Es una alerta, no una evaluación del riesgo: evalúe el riesgo y revise el plan de seguridad.
cl-rule-safety_risk_assessment = La última evaluación estructurada del riesgo lo valoró como alto.
cl-rule-deterioration_from_baseline = El PHQ-9 está 6 o más puntos por encima de la puntuación basal del episodio (empeoramiento fiable).
cl-rule-deterioration_from_lowest = El PHQ-9 está 6 o más puntos por encima de su punto más bajo en este episodio (empeoramiento fiable).
cl-rule-gad7_deterioration_from_baseline = El GAD-7 (una medida diana del plan de tratamiento) está 4 o más puntos por encima de la puntuación basal del episodio (empeoramiento fiable).
cl-rule-gad7_deterioration_from_lowest = El GAD-7 (una medida diana del plan de tratamiento) está 4 o más puntos por encima de su punto más bajo en este episodio (empeoramiento fiable).
cl-rule-relapse = Tras una remisión mantenida (PHQ-9 por debajo de 5 en mediciones separadas al menos 14 días), el PHQ-9 vuelve a 10 o más: un aviso temprano de recaída, abierto con la primera de esas mediciones. Cuenta como recaída cuando la confirma una segunda medición de 10 o más al menos 14 días después, o el clínico.
cl-rule-recurrence = 6 meses o más después de empezar una remisión mantenida (PHQ-9 por debajo de 5 en mediciones separadas al menos 14 días), el PHQ-9 vuelve a 10 o más: un aviso temprano de recurrencia, abierto con la primera de esas mediciones. Cuenta cuando la confirma una segunda medición de 10 o más al menos 14 días después, o el clínico.
cl-rule-not_on_track_default = Desde la 3.ª medición, el PHQ-9 está por encima del límite de la banda de recuperación esperada (la curva por defecto: la puntuación esperada para esta puntuación basal y esta medición, más 5 puntos).
cl-rule-not_on_track_practice = Desde la 3.ª medición, el PHQ-9 está por encima del límite de la banda de recuperación esperada (los episodios terminados de este centro con una puntuación basal en la misma banda: peor que tres de cada cuatro en esta medición).
cl-rule-warning_sign_days = Se comunicaron las propias señales de alerta temprana del cliente en 2 o más de los últimos 7 días (por el cliente o por un familiar con su consentimiento; cada día cuenta una vez).
cl-rule-low_mood_run = El estado de ánimo fue de 3 o menos (de 10) en 3 registros diarios seguidos en 5 días (los días sin registro no interrumpen la racha).
cl-rule-medication_missed = Se omitió la medicación en 3 o más de los últimos 7 días.
cl-rule-sleep_change = El sueño se alejó 2 horas o más de lo habitual en el cliente (la mediana de los 14 días anteriores) durante 3 noches seguidas.
cl-rule-missed_in_a_row = Se omitieron dos elementos programados seguidos (mediciones, sesiones o tareas).
cl-rule-no_check_in = Sin registro diario durante 14 días o más en un episodio activo (no en mantenimiento, que vigila su PHQ-9 mensual).
cl-rule-feedback_low_answer = La valoración de la sesión tuvo una respuesta de 5 o menos (de 10).
cl-rule-feedback_below_own_average = La valoración global de la sesión estuvo 3 o más puntos por debajo de la media del propio cliente en sesiones anteriores.
cl-rule-side_effects_burden = FIBSER: los efectos secundarios del medicamento interfirieron en las actividades diarias con una carga de 3 o 4 (de 6): hay que abordarlos (dosis, horario, un remedio).
cl-rule-side_effects_burden_high = FIBSER: los efectos secundarios del medicamento interfirieron en las actividades diarias con una carga de 5 o 6 (de 6): valore una dosis menor u otro medicamento.
cl-suggest-safety = Contacte hoy con el cliente, registre una evaluación estructurada del riesgo y revisen juntos el plan de seguridad.
cl-suggest-deterioration = Hable con el cliente de lo que ha cambiado; revise el plan de tratamiento, su intensidad y si hace falta una revisión de la medicación.
cl-suggest-relapse = Ofrezca pronto una sesión de refuerzo y revisen juntos el plan para mantenerse bien.
cl-suggest-not_on_track = Hable de la evolución en la próxima sesión; valore cambiar el enfoque o la frecuencia de las sesiones.
cl-suggest-warning_signs = Hable con el cliente sobre las señales que marcó y sobre lo que dice su plan para mantenerse bien.
cl-suggest-disengagement = Contacte con el cliente y pregúntele qué se lo impide; ofrézcale otra hora u otra forma de verse.
cl-suggest-alliance = Hablen del encaje en la próxima sesión: qué ayuda y qué no. Valore otro enfoque, u otro terapeuta si el cliente lo desea.
cl-suggest-side_effects = Quien prescribe revisa el medicamento con el cliente: dosis, horario o un remedio para los efectos secundarios (carga 3–4), o una dosis menor u otro medicamento (carga 5–6). Pregunte si se omiten dosis por ellos.

## Una sesión (/sessions/{id})
cl-session-title = Sesión del { $when }
cl-session-all = Todas las sesiones
cl-session-request-note = Un cliente pidió otra hora: <a href="#requests">responda más abajo</a>.
cl-session-details = Detalles
cl-session-when = Cuándo
cl-session-cancelled-badge = cancelada
cl-session-length = Duración
cl-session-minutes = { $n } minutos
cl-session-kind = Tipo
cl-session-series = forma parte de una serie semanal
cl-session-where = Dónde
cl-session-with = Con
cl-session-taking-part = Participan
cl-session-you-and =
    { $n ->
        [one] Tú y { $n } persona más
       *[other] Tú y { $n } personas más
    }
cl-session-also = También participan
cl-session-others =
    { $n ->
        [one] { $n } cliente que no está en su lista
       *[other] { $n } clientes que no están en su lista
    }
cl-session-own-part = usted solo ve la parte de sus propios clientes
cl-session-family = Familiares que asisten
cl-session-you = Usted
cl-session-you-member = Tú
cl-session-cancelled-capital = Cancelada
cl-session-not-recorded = Todavía sin registrar
cl-session-coming-up = Próximamente. <a href="/sessions">Pide otra hora</a> desde tus sesiones.
cl-session-your-requests = Tus solicitudes de otra hora
cl-session-progress-note = Nota de evolución
cl-session-for-name = {" "}de { $name }
cl-session-joined = Entró en la sala en línea a las { $when }
cl-session-confirm-attended = la asistencia se propone como «Asistió» más abajo; confírmela
cl-session-chat = Guardado del chat de la sesión
cl-session-did-attend = ¿Asistió { $name }?
cl-session-change-attendance = Cambiar la asistencia
cl-session-record-attendance = Registrar la asistencia
cl-session-attendance-later = La asistencia se puede registrar una vez empezada la sesión.
cl-session-only-team = Solo un clínico que esté en el equipo de atención de todos sus clientes puede mover o cancelar esta sesión.
cl-session-move = Mover a otra hora
cl-session-new-date-time = Nueva fecha y hora
cl-session-tz-hint = En su zona horaria: { $tz }; la hora en formato de 24 horas, como 14:30.
cl-session-only-this = Solo se mueve esta sesión, no el resto de la serie.
cl-session-new-date = Nueva fecha
cl-session-new-time = Nueva hora
cl-session-move-why-hint = Todos los participantes de la sesión ven la nueva hora y este motivo.
cl-session-move-button = Mover la sesión
cl-session-cancel = Cancelar la sesión
cl-session-cancel-confirm = ¿Cancelar esta sesión? El cliente la verá como cancelada.
cl-session-history = Historial
cl-session-no-changes = Sin cambios desde que se programó.
cl-session-moved-it = la movió del { $from } al { $to }
cl-session-cancelled-it = la canceló
cl-session-asked-another = pidió otra hora
cl-session-you-asked-another = pediste otra hora
cl-notice-attendance = Asistencia registrada.
cl-notice-moved = La sesión se ha movido. Aparece a la nueva hora en el calendario de todos.
cl-notice-session-cancelled = La sesión está cancelada.
cl-notice-scheduled = La sesión está programada.
cl-notice-scheduled-weekly = Se han programado { $a } sesiones semanales; esta es la primera.

## Una nota de evolución (/sessions/{id}/notes/{client})
cl-note-title = Nota de evolución: { $name }, { $when }
cl-note-heading = Nota de evolución: { $name }
cl-note-back = Volver a la sesión
cl-note-private-label = Su nota de psicoterapia
cl-note-last-saved = Guardada por última vez el { $when }.
cl-note-not-written = Todavía sin escribir.
cl-note-save = Guardar
cl-note-the-note = La nota
cl-note-signed = firmada
cl-note-draft = borrador
cl-note-signed-on = Firmada el { $when }. Una nota firmada no se puede cambiar; las correcciones se añaden abajo como enmiendas fechadas.
cl-note-data = Datos
cl-note-assessment = Valoración
cl-note-plan = Plan de acción
cl-note-data-hint = Lo que pasó y lo que dijo el cliente. Las últimas mediciones se rellenan como referencia.
cl-note-assessment-hint = Su lectura: evolución, riesgo, cómo va el trabajo.
cl-note-plan-hint = Lo que sigue: tareas, la próxima sesión, cambios en el plan.
cl-note-amendments = Enmiendas
cl-note-none = Ninguna.
cl-note-add-amendment = Añadir una enmienda
cl-note-amendment-hint = Qué se corrige o se añade, y por qué. Queda fechada y firmada con su nombre.
cl-note-add-amendment-button = Añadir la enmienda
cl-note-private-heading = Notas de psicoterapia: solo usted podrá leerlas
cl-note-private-about = Se guardan aparte de la historia clínica: no se muestran al cliente, al resto del equipo de atención ni a los administradores.
cl-note-draft-saved = Borrador guardado por última vez el { $when }.
cl-note-not-saved = Todavía sin guardar.
cl-note-team-reads = El equipo de atención puede leer la nota una vez guardada.
cl-note-save-draft = Guardar el borrador
cl-note-sign = Firmar la nota
cl-note-sign-confirm = Una nota firmada no se puede cambiar; las correcciones se añaden como enmiendas fechadas. ¿Firmarla?
cl-note-saves-private = Al guardar o firmar, también se guarda su nota de psicoterapia de abajo.
cl-notice-note-saved = Borrador guardado. Fírmelo cuando esté completo.
cl-notice-note-saved-private = Borrador guardado. Su nota de psicoterapia se guarda con él. Firme la nota cuando esté completa.
cl-notice-note-signed = Firmada. La nota ya forma parte de la historia clínica y no se puede cambiar.
cl-notice-note-signed-private = Firmada. La nota ya forma parte de la historia clínica y no se puede cambiar. Su nota de psicoterapia se guarda con ella.
cl-notice-amended = Enmienda añadida.
cl-notice-private = Su nota de psicoterapia está guardada.
cl-notice-private-draft = Su nota de psicoterapia está guardada, y con ella el borrador de la nota de evolución.

## Una evaluación del riesgo (/clients/{id}/risk-assessment)
cl-risk-title = Evaluación del riesgo
cl-risk-heading = Evaluación del riesgo: { $name }
cl-risk-about = Un registro estructurado de su evaluación. El ítem 9 del PHQ-9 es una alerta, no una evaluación; la evaluación es su juicio clínico. Valorar el riesgo como alto abre una alerta de seguridad crítica para el equipo de atención.
cl-risk-protective = Factores protectores
cl-risk-actions = Medidas tomadas
cl-risk-save = Guardar la evaluación
cl-risk-ideation = Ideación suicida
cl-risk-ideation-none = Ninguna
cl-risk-ideation-passive = Pasiva (deseo de estar muerto)
cl-risk-ideation-active = Activa (pensamientos de quitarse la vida)
cl-risk-plan = Un plan
cl-risk-plan-none = Ninguno
cl-risk-plan-vague = Vago
cl-risk-plan-specific = Concreto (método, momento o lugar)
cl-risk-intent = Intención de actuar
cl-risk-intent-none = Ninguna
cl-risk-intent-some = Alguna
cl-risk-intent-clear = Clara
cl-risk-recent_behaviour = Conducta reciente
cl-risk-recent_behaviour-none = Ninguna
cl-risk-recent_behaviour-preparatory = Actos preparatorios
cl-risk-recent_behaviour-attempt = Un intento
cl-risk-judgement = Su juicio sobre el riesgo
cl-risk-judgement-low = Bajo
cl-risk-judgement-moderate = Moderado
cl-risk-judgement-high = Alto

## Un cuestionario tal como lo lee el equipo de atención (/results/{id})
cl-measure-title = { $label } de { $name }
cl-measure-back = Volver a la historia clínica de { $name }
cl-measure-answered = { $title }, respondido el { $when }.
cl-measure-item9 = Ítem 9, para leer primero
cl-measure-not-answered = Sin responder
cl-measure-of-3 = { $v } de 3
cl-measure-score = Puntuación
cl-measure-out-of = de { $max }
cl-measure-prorated = Se dejaron una o dos respuestas sin contestar; el total las cuenta como la media de las demás.
cl-measure-open-before = Abrir el anterior
cl-measure-raised = Abrió o se sumó a:
cl-measure-see-alerts = Ver las alertas
cl-measure-every-answer = Todas las respuestas
cl-measure-caption = Respuestas de { $name }, en el orden del formulario
cl-measure-col-item = Ítem
cl-measure-col-question = Pregunta
cl-measure-col-answer = Respuesta
cl-measure-col-points = Puntos
cl-measure-opening = Queda registrado que usted abrió este cuestionario, y { $name } puede verlo.
cl-measure-first = Es el primer { $label } que responde { $name }.
cl-measure-since = Desde el anterior, el { $date } ({ $before }): { $direction }.
cl-measure-same = igual
cl-measure-higher =
    { $n ->
        [one] { $n } punto más
       *[other] { $n } puntos más
    }
cl-measure-lower =
    { $n ->
        [one] { $n } punto menos
       *[other] { $n } puntos menos
    }
cl-measure-improvement = , una mejoría fiable
cl-measure-deterioration = , un empeoramiento fiable
cl-measure-no-change = , sin cambio fiable

## Sesiones (/sessions) y programar una (/clients/{id}/sessions/new)
cl-sessions-title = Sesiones
cl-sessions-lead = Sus sesiones del { $from } al { $to }. Las horas están en su zona horaria, { $tz }.
cl-sessions-from-today = Desde hoy
cl-sessions-jump-today = Ir a hoy
cl-sessions-earlier = Sesiones anteriores (las dos últimas semanas)
cl-sessions-how-to-schedule = Para programar una sesión, abra al cliente desde <a href="/home">sus clientes</a> y elija «Programar una sesión».
cl-sessions-today = Hoy,{" "}
cl-sessions-nothing-today = Nada programado hoy.
cl-sessions-min = { $n } minutos
cl-sessions-open = Abrir la sesión
cl-sessions-open-at = {" "}de las { $time }, { $day }
cl-new-title = Programar una sesión con { $name }
cl-new-back = Volver a { $name }
cl-new-overlaps =
    { $n ->
        [one] Todavía sin reservar: se solapa con otra sesión
       *[other] Todavía sin reservar: se solapa con otras { $n } sesiones
    }
cl-new-overlap-help = Cambie la fecha o la hora abajo y elija «Programar», o elija «Reservar de todos modos» al final del formulario.
cl-new-kind = Tipo de sesión
cl-new-group-summary = Para un grupo: los demás clientes
cl-new-group-legend = Los demás clientes del grupo
cl-new-group-hint = Solo para una sesión de grupo: marque a todos los demás participantes. { $name } siempre está incluido.
cl-new-no-others = No hay otros clientes en su lista.
cl-new-family-legend = Familiares que asisten
cl-new-family-hint = Solo para una sesión familiar: las personas a quienes { $name } deja unirse a las sesiones familiares. Ven la hora y el lugar, y la reciben en su propio calendario.
cl-new-modality = Cómo se realiza
cl-new-place = Lugar o enlace de la reunión
cl-new-place-hint = En persona: la dirección o la sala. En línea: déjelo vacío para la sala propia de la sesión en Rapport (vídeo en el navegador, sin nadie más de por medio), o indique un enlace de reunión externo que empiece por https://. Por teléfono: déjelo vacío.
cl-new-when = Cuándo (la primera sesión)
cl-new-when-hint = En su zona horaria: { $tz }. La hora en formato de 24 horas, como 14:30.
cl-new-time = Hora
cl-new-minutes = Duración en minutos
cl-new-minutes-hint = De 15 a 180; lo habitual es 50.
cl-new-weeks = Repetir cada semana durante cuántas semanas
cl-new-weeks-hint = 1 significa una sola vez. 12 reserva la misma hora cada semana durante 12 semanas.
cl-new-schedule = Programar
cl-new-book-anyway = Reservar de todos modos

## Mensajes (/messages de un clínico)
cl-inbox-lead = Las conversaciones de sus clientes. Primero, las que tienen mensajes sin leer.
cl-inbox-office-hours = Fijar su horario de atención y su mensaje de ausencia
cl-inbox-none = Todavía no hay clientes en sus equipos de atención.
cl-inbox-unread =
    { $n ->
        [one] { $n } sin leer
       *[other] { $n } sin leer
    }
cl-inbox-latest = Último mensaje: { $when }
cl-inbox-no-messages = Todavía no hay mensajes

## Solicitudes para mover una sesión (la lista de clientes y una sesión)
cl-req-heading = Solicitudes para mover una sesión
cl-req-about = Un cliente pidió otra hora. La sesión se mantiene donde está hasta que usted responda; el cliente lee su respuesta.
cl-req-asked-on = pidió el { $when } mover la sesión del
cl-req-your-answer = Su respuesta a { $name }
cl-req-move-proposed = Moverla al { $when }, una hora que propuso { $name }
cl-req-move-other = Moverla a otra hora (abajo)
cl-req-keep = Mantener la hora, y explicar por qué abajo
cl-req-date = Otra hora: fecha
cl-req-time = Otra hora: hora
cl-req-time-hint = Formato de 24 horas, como 14:30, en su zona horaria.
cl-req-message = Mensaje para { $name }
cl-req-message-hint = Necesario si mantiene la hora. Solo lo leen { $name } y sus clínicos.
cl-req-send = Enviar la respuesta
cl-req-send-to = {" "}a { $name }

## Horario de atención de mensajes (/settings/office-hours)
cl-oh-title = Horario de atención
cl-oh-heading = Horario de atención de mensajes
cl-oh-lead = Los clientes ven cuándo lee usted los mensajes. Fuera de este horario ven su mensaje de ausencia, y cada conversación les recuerda que los mensajes no se leen al momento.
cl-oh-saved = <strong>Guardado.</strong> Sus clientes ven este horario en sus mensajes.
cl-oh-timezone = Zona horaria de este horario
cl-oh-timezone-hint = Un nombre como America/Chicago o Europe/Madrid. El horario de verano se tiene en cuenta.
cl-oh-when = Cuándo lee los mensajes
cl-oh-rows-hint = Una fila por franja: un día, y cuándo empieza y termina (como 09:00 y 17:00). Deje una fila vacía para omitirla.
cl-oh-day = Día (franja { $n })
cl-oh-from = Desde
cl-oh-until = Hasta
cl-oh-away = Mensaje de ausencia (opcional)
cl-oh-away-hint = Se muestra a sus clientes fuera de su horario de atención, p. ej. «Leo los mensajes los días laborables. En una crisis, llame al 988.» Hasta { $max } caracteres.
cl-oh-save = Guardar el horario
cl-oh-back = Volver a los mensajes
cl-day-monday = lunes
cl-day-tuesday = martes
cl-day-wednesday = miércoles
cl-day-thursday = jueves
cl-day-friday = viernes
cl-day-saturday = sábado
cl-day-sunday = domingo

## La evidencia de una alerta (pages/alerts/evidence.rs)
cl-ev-phq9 = PHQ-9 ({ $role }), puntuación total { $total }
cl-ev-not-scored = sin puntuar
cl-ev-item9 = , ítem 9 = { $n }
cl-ev-gad7 = GAD-7 ({ $role }), puntuación total { $total }
cl-ev-self-harm = registro diario del { $day }: respondió que sí a pensamientos de que estaría mejor muerto o de hacerse daño
cl-ev-carried-remission = remisión heredada del episodio que terminó el { $date }
cl-ev-expected-band = esperado alrededor de { $expected }, límite { $edge }
cl-ev-mood = ánimo { $n }
cl-ev-medication-missed = medicación omitida
cl-ev-warning-sign-family = señal de alerta propia comunicada por un familiar el { $day }
cl-ev-warning-sign = señal de alerta propia marcada el { $day }
cl-ev-feedback = valoración de la sesión: escuchado { $heard }, se trabajó lo que quería { $worked }, el enfoque encaja { $approach }, en general { $overall } (de 10)
cl-ev-own-average = su propia media global era { $n }
cl-ev-sleep = durmió { $hours } h (lo habitual, { $median } h)
cl-ev-remission = mínimo de la remisión { $n }
cl-ev-risk-assessment = evaluación del riesgo valorada como alta
cl-ev-no-check-in = { $n } días sin registro diario
cl-ev-role-flagged = la que abrió la alerta
cl-ev-role-baseline = basal
cl-ev-role-lowest = la más baja
cl-ev-role-previous = la anterior
cl-ev-role-sustained = la que confirmó la remisión
cl-ev-role-measure = medición

## Palabras de las tareas en la historia clínica (rapport_core::homework)
cl-hw-thought-record = Registro de pensamientos
cl-hw-activity-diary = Diario de actividades
cl-hw-activity-plan = Plan de actividades
cl-hw-problem-solving = Resolución de problemas
cl-hw-journal = Diario personal
cl-hw-interpersonal-inventory = Las personas de su vida
cl-hw-custom = Ejercicio de su terapeuta
cl-hw-once = Una vez
cl-hw-every-day = Cada día
cl-hw-due = Pendiente
cl-hw-draft = Empezada
cl-hw-done = Hecha
cl-hw-reviewed = Revisada
cl-hw-missed = No hecha

## La historia clínica del clínico (issue 21): las líneas de la cronología
## (rapport_app::timeline::Event), el origen de las tareas, las observaciones de la familia,
## las preguntas de la entrevista inicial y la historia abierta en una emergencia.
## Un nombre o el título de un objetivo son palabras de personas: van aparte con translate="no".

## La cronología: $name es el nombre de una persona, $title el de un objetivo tal como lo escribió el cliente
chart-tl-measure =
    { $total ->
        [one] { $instrument }: { $total } punto
       *[other] { $instrument }: { $total } puntos
    }
chart-tl-measure-band =
    { $total ->
        [one] { $instrument }: { $total } punto ({ $band })
       *[other] { $instrument }: { $total } puntos ({ $band })
    }
chart-tl-alert = Alerta ({ $level }): { $kind }. { $explanation }
chart-tl-alert-acknowledged = Alerta atendida ({ $kind }) por <span translate="no">{ $name }</span>
chart-tl-alert-resolved = Alerta resuelta ({ $kind }) por <span translate="no">{ $name }</span>
chart-tl-session = { $kind } ({ $minutes } minutos): { $outcome }
chart-tl-kind-individual = Sesión individual
chart-tl-kind-family = Sesión familiar
chart-tl-kind-group = Sesión de grupo
chart-tl-kind-medication-review = Revisión de la medicación
chart-tl-outcome-scheduled = programada
chart-tl-outcome-cancelled = cancelada
chart-tl-outcome-attended = asistió
chart-tl-outcome-late-cancelled = cancelada a última hora
chart-tl-outcome-no-show = no asistió
chart-tl-outcome-unrecorded = asistencia sin registrar
chart-tl-session-moved = <span translate="no">{ $name }</span> cambió la sesión de hora
chart-tl-session-cancelled = <span translate="no">{ $name }</span> canceló la sesión
chart-tl-move-requested = El cliente pidió cambiar una sesión de hora
chart-tl-feedback = Valoración de la sesión: en general { $overall } de 10 (respuesta más baja { $lowest })
chart-tl-note-signed = Nota de evolución firmada por <span translate="no">{ $name }</span>
chart-tl-note-amended = Nota corregida por <span translate="no">{ $name }</span>
chart-tl-plan = Versión { $version } del plan de tratamiento, de <span translate="no">{ $name }</span>
chart-tl-plan-agreed = El cliente aceptó la versión { $version } del plan de tratamiento
chart-tl-staying-well = Plan para mantenerse bien, versión { $version }
chart-tl-goal-set = Objetivo nuevo: <span translate="no">{ $title }</span>
chart-tl-goal-progress = Avance del objetivo, { $rating } de 10: <span translate="no">{ $title }</span>
chart-tl-episode = Episodio: { $state } (<span translate="no">{ $name }</span>)
chart-tl-intake-sent = Entrevista inicial enviada

## Las tareas en la historia: cuándo se asignó, o si la empezó el cliente; el día de una entrega
chart-hw-assigned = Asignada el { $date }
chart-hw-started = La empezó el cliente el { $date }
chart-hw-for = para el { $date }

## Observaciones de la familia
chart-retired-sign = Una señal que ya no está en la lista
chart-obs-hidden = Oculta al cliente el { $date } por <span translate="no">{ $name }</span>: <span translate="no">{ $reason }</span>

## La entrevista inicial como la lee el equipo de atención: sus preguntas, sobre el cliente
chart-in-reason = Qué le trae ahora
chart-in-life-events = Acontecimientos recientes
chart-in-life-events-note = Sobre esos acontecimientos
chart-in-had-therapy = Terapia antes
chart-in-earlier-kinds = Tipos de terapia
chart-in-earlier-length = Cuánto tiempo
chart-in-earlier-helped = Qué le ayudó
chart-in-earlier-not-helped = Por qué no le ayudó
chart-in-earlier-missing = Qué necesitaba y no recibió
chart-in-wants = Qué quiere ahora de la terapia
chart-in-medication = Medicación
chart-in-adherence = La toma como se la recetaron
chart-in-sleep = Sueño
chart-in-supports = Quién le apoya
chart-in-baseline-phq9 = PHQ-9 de partida
chart-in-baseline-gad7 = GAD-7 de partida

## Una historia abierta en una emergencia
chart-rec-safety-version = Versión { $version }, { $date }, escrita por <span translate="no">{ $name }</span>.
chart-rec-plan-line = { $approach }, { $frequency }, { $n } sesiones (versión { $version })

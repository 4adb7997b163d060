# Páginas de medicación (issue 22): revisiones con quien receta, preguntas antes de una
# revisión, el resumen de una página para su propio médico y "revisión pendiente".

med-review-due = Revisión pendiente
med-review-heading = Revisión de la medicación
med-review-due-own = Hace tiempo que no hablas con quien te receta sobre tu medicación. Pide a tu equipo de atención una revisión de la medicación.
med-review-due-team = Sin revisión de la medicación con quien receta en 12 semanas mientras toma un medicamento. Programe una sesión del tipo «Revisión de la medicación».
med-review-next = Próxima revisión de la medicación antes del { $date }.
med-review-none = Mientras se toma un medicamento, toca una revisión de la medicación cada 12 semanas.
med-questions-heading = Preguntas antes de la revisión
med-questions-write = Anota lo que quieres preguntar
med-questions-none = Sin preguntas anotadas.
med-questions-label = Preguntas y efectos secundarios para tu revisión del { $when } con { $with }
med-questions-hint = Una por línea. Quien te receta las verá antes de la revisión.
med-questions-save = Guardar mis preguntas
med-summary-heading = Un resumen para tu médico
med-summary-own-intro = Un resumen de una página de tus medicamentos, con qué frecuencia los tomaste, los efectos secundarios y tu PHQ-9, para imprimir para tu propio médico de cabecera.
med-summary-open = Abrir el resumen para imprimir
med-consent-ask = Tu equipo de atención solo puede imprimirlo para tu médico si tú lo aceptas.
med-consent-give = Permitir que mi equipo lo imprima
med-consent-given = Tú permites que tu equipo de atención lo imprima para tu médico. Puedes retirar este permiso cuando quieras.
med-consent-withdraw = Retirar mi consentimiento
med-summary-no-consent = El cliente no ha aceptado compartir un resumen con su médico. Puede aceptarlo en su página de medicamentos.
med-summary-title = Resumen para el médico
med-summary-back = Volver a los medicamentos
med-summary-print = Imprimir
med-summary-produced = Generado el { $date }
med-summary-intro = De Rapport, el expediente de psicoterapia: lo que informó el cliente, para su propio médico.
med-summary-medicines = Medicamentos que toma ahora
med-summary-no-medicines = No toma ningún medicamento ahora.
med-col-medicine = Medicamento
med-col-dose = Dosis
med-col-schedule = Cuándo se toma
med-col-started = Inicio
med-summary-adherence = Medicación tomada, últimas 4 semanas
med-summary-adherence-rate = Tomada el { $rate } % de los días respondidos ({ $taken } de { $answered } días), según el registro diario.
med-summary-no-adherence = Ningún registro diario sobre la medicación en las últimas 4 semanas.
med-weeks-caption = Efectos secundarios, medicación tomada y PHQ-9, semana a semana (lo más reciente primero)
med-summary-burden = Efectos secundarios (FIBSER)
med-summary-burden-value = Última carga { $burden } de 6, el { $date }.
med-summary-no-burden = Todavía sin valoración de efectos secundarios.
med-summary-phq9 = Depresión (PHQ-9) en este episodio de atención
med-summary-phq9-first = Primero
med-summary-phq9-lowest = Más bajo
med-summary-phq9-latest = Último
med-summary-phq9-count =
    { $n ->
        [one] { $n } PHQ-9 en este episodio.
       *[other] { $n } PHQ-9 en este episodio.
    }
med-summary-no-phq9 = Todavía sin PHQ-9 en este episodio.
med-summary-footer = Compartido con el consentimiento del cliente. PHQ-9: 0–27, más alto es más grave. Carga FIBSER: 0–6.

## La página de medicamentos (`/medications`, `/clients/{id}/medications`)
med-title = Medicamentos
med-title-own = Mis medicamentos
med-list-own = Lo que tomas ahora
med-list = La lista
med-list-empty = No hay medicamentos en la lista.
med-list-none = Todavía no hay lista de medicamentos.
med-stopped-badge = suspendido
med-started-on = Inicio el { $date }
med-stopped-on = suspendido el { $date }
med-prescribed-by = recetado por
med-why-stopped = Por qué se suspendió:
med-kept-by-prescriber = Quien te receta mantiene esta lista. Si algo no está bien, díselo o envía un mensaje a tu equipo de atención.
med-fibser-weekly = Mientras tomas un medicamento para la depresión, cada semana se te pregunta por los efectos secundarios.
med-rate-side-effects = Valorar tus efectos secundarios
med-intake-own = De tu entrevista inicial
med-intake = De la entrevista inicial
med-intake-question = ¿Es esto lo que tomas ahora?
med-intake-confirm = Sí, es correcto
med-change-list = Cambiar la lista
med-see-list = Ver la lista
med-change-hint = Al guardar se escribe una versión nueva; las anteriores se conservan. Para suspender un medicamento, indique el día y el motivo, para que el historial siga a la vista. Deje una fila vacía para no añadir nada.
med-add = Añadir un medicamento
med-field-name = Nombre
med-field-stopped = Suspendido (opcional)
med-field-stop-reason = Por qué se suspendió (opcional)
med-field-prescriber = Recetado por, si no es usted (opcional)
med-field-for-depression = Para la depresión (pregunta al cliente cada semana por los efectos secundarios)
med-save-list = Guardar la lista
med-week-by-week = Semana a semana
med-earlier-versions = Versiones anteriores ({ $n })
med-version-line = Versión { $version } · { $date } · { $who }
med-history-line =
    { $n ->
        [one] Versión { $version } · { $date } · { $who } ({ $source }) · { $n } medicamento
       *[other] Versión { $version } · { $date } · { $who } ({ $source }) · { $n } medicamentos
    }
med-source-intake = confirmada desde la entrevista inicial
med-source-prescriber = quien receta
med-notice-saved = La lista se guardó como una versión nueva. El cliente ya la ve.
med-notice-confirmed = Gracias. Desde ahora, quien te receta mantiene la lista.
med-notice-questions = Tus preguntas se guardaron. Quien te receta las verá antes de la revisión.
med-notice-consent-given = Tu equipo de atención ya puede imprimir el resumen para tu médico.
med-notice-consent-withdrawn = Tu equipo de atención ya no puede imprimir el resumen para tu médico.
med-chart-heading = Medicación

## El resumen semanal
med-weeks-empty = Ningún PHQ-9, valoración de efectos secundarios ni registro de medicación en las últimas semanas.
med-col-week = Semana del
med-col-burden = Efectos secundarios (carga)
med-col-taken = Medicación tomada
med-col-reasons = Por qué no se tomaron dosis
med-burden-of-six = { $burden } de 6
med-adherence-week = { $rate } % ({ $taken } de { $answered } días)

## El diario de sueño (`/sleep`)
sleep-title = Diario de sueño
sleep-title-own = Mi diario de sueño
sleep-saved = Guardado. Gracias.
sleep-last-night = Anoche
sleep-last-night-hint = Un minuto cada mañana. Basta con tu mejor estimación; no hace falta mirar el reloj.
sleep-bedtime = ¿A qué hora te acostaste?
sleep-minutes-to-fall-asleep = ¿Cuántos minutos tardaste en dormirte?
sleep-awake-minutes = Minutos despierto(a) durante la noche, en total
sleep-wake-time = ¿A qué hora te despertaste por última vez?
sleep-rise-time = ¿A qué hora te levantaste?
sleep-save = Guardar
sleep-last-four-weeks = Las últimas cuatro semanas
sleep-efficiency-hint = La eficiencia del sueño es el tiempo dormido respecto al tiempo en la cama. Lo habitual es un 85 % o más; menos suele indicar mucho tiempo despierto(a) en la cama.
sleep-none = Todavía no hay ninguna noche anotada.
sleep-hours-minutes = { $h } h y { $m } min
sleep-night-times = en la cama { $bed }, dormido(a) tras { $fall } min, despierto(a) { $awake } min, se despertó { $wake }, se levantó { $up }
sleep-asleep-of-in-bed = { $asleep } dormido(a) de { $in_bed } en la cama

## Las frases de los casos de uso (i18n/errors.rs)
err-med-questions-many = Anota como máximo { $a } preguntas.
err-med-question-long = Usa como máximo { $a } caracteres en cada pregunta.
err-med-questions-kind = Las preguntas se anotan solo antes de una revisión de la medicación.
err-med-review-over = Esta revisión ya pasó o se canceló; anota tus preguntas para la próxima.
err-sleep-time = Escribe una hora como 23:30.
err-sleep-fall-minutes = Escribe los minutos que tardaste en dormirte, de 0 a 720.
err-sleep-awake-minutes = Escribe los minutos que estuviste despierto(a) durante la noche, de 0 a 720.
err-sleep-rise-equal = La hora en que te levantaste debe ser distinta de la hora en que te acostaste.
err-sleep-wake-between = La hora en que te despertaste debe estar entre la hora en que te acostaste y la hora en que te levantaste.

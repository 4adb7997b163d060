# Páginas de medicación (issue 22): revisiones con quien receta, preguntas antes de una
# revisión, el resumen de una página para su propio médico y "revisión pendiente".

med-review-due = Revisión pendiente
med-review-heading = Revisión de la medicación
med-review-due-own = Hace tiempo que no habla con quien le receta sobre su medicación. Pida a su equipo de atención una revisión de la medicación.
med-review-due-team = Sin revisión de la medicación con quien receta en 12 semanas mientras toma un medicamento. Programe una sesión del tipo «Revisión de la medicación».
med-review-next = Próxima revisión de la medicación antes del { $date }.
med-review-none = Mientras se toma un medicamento, toca una revisión de la medicación cada 12 semanas.
med-questions-heading = Preguntas antes de la revisión
med-questions-write = Anote lo que quiere preguntar
med-questions-none = Sin preguntas anotadas.
med-questions-label = Preguntas y efectos secundarios para su revisión del { $when } con { $with }
med-questions-hint = Una por línea. Quien le receta las verá antes de la revisión.
med-questions-save = Guardar mis preguntas
med-error = Error:
med-summary-heading = Un resumen para su médico
med-summary-own-intro = Un resumen de una página de sus medicamentos, con qué frecuencia los tomó, los efectos secundarios y su PHQ-9, para imprimir para su propio médico de cabecera.
med-summary-open = Abrir el resumen para imprimir
med-consent-ask = Su equipo de atención solo puede imprimirlo para su médico si usted lo acepta.
med-consent-give = Permitir que mi equipo lo imprima
med-consent-given = Usted permite que su equipo de atención lo imprima para su médico. Puede retirar este permiso cuando quiera.
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

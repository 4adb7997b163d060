# Cuestionarios: el formulario y el resultado del cliente. Las preguntas están en
# rapport-core (sus traducciones oficiales), no aquí.

measure-minutes =
    { $n ->
        [one] Aproximadamente { $n } minuto. No hay respuestas correctas ni incorrectas.
       *[other] Aproximadamente { $n } minutos. No hay respuestas correctas ni incorrectas.
    }
measure-unanswered =
    { $n ->
        [one] Hay una pregunta sin responder
       *[other] Hay { $n } preguntas sin responder
    }
measure-question-number = Pregunta { $n }
measure-answer-or-send =
    { $n ->
        [one] Respóndela ahora o envía el cuestionario tal como está: tu puntuación se calculará con las respuestas que diste.
       *[other] Respóndelas ahora o envía el cuestionario tal como está: tu puntuación se calculará con las respuestas que diste.
    }
measure-answer-them =
    { $n ->
        [one] Responderla
       *[other] Responderlas
    }
measure-send-as-is = Enviar tal como está
measure-see-result = Ver mi resultado

result-page-title = Tu resultado
result-heading = Tu resultado: { $title }
result-out-of = de { $max }
result-prorated = Dejaste sin responder una o dos preguntas, así que tu puntuación las cuenta como el promedio de tus otras respuestas.
result-follow-up = Responde también el PHQ-9 (unos 3 minutos)
result-not-diagnosis = Esto es un cuestionario, no un diagnóstico. Tu terapeuta lo revisa contigo.
result-meaning-minimal = Pocas o ninguna señal de depresión o ansiedad en las últimas dos semanas.
result-meaning-mild = Algunos síntomas, leves. Sigue con lo que te ayuda y cuéntale a tu terapeuta lo que vayas notando.
result-meaning-moderate = Síntomas que hacen más difícil la vida diaria. Para esto son precisamente tus sesiones.
result-meaning-moderately-severe = Síntomas que te pesan mucho. Por favor, habla de este resultado en tu próxima sesión, o antes con tu terapeuta.
result-meaning-severe = Síntomas que te pesan muchísimo. Por favor, contacta pronto con tu terapeuta y usa la ayuda en crisis si las cosas se te hacen insoportables.
result-meaning-who5-poor = Tu bienestar ha estado bajo últimamente. Responder también el PHQ-9 ayuda a tu terapeuta a ver más.
result-meaning-who5 = Tu bienestar durante las últimas dos semanas.
result-meaning-phq2 = Una revisión breve del ánimo y del interés.
result-meaning-other = Tus respuestas de las últimas dos semanas.
result-fibser-no-change = Los efectos secundarios no te están molestando mucho. Sigue tomando tu medicamento como te lo recetaron y menciona cualquier cambio en tu próxima cita.
result-fibser-address = Los efectos secundarios te están molestando. Quien te lo recetó lo revisará contigo: a menudo ayuda cambiar la dosis o el horario. Por favor, no dejes tu medicamento por tu cuenta.
result-fibser-reduce-or-switch = Los efectos secundarios te están molestando mucho. Quien te lo recetó lo revisará pronto contigo: una dosis más baja u otro medicamento pueden ayudar. Por favor, no dejes tu medicamento por tu cuenta.
result-first = Este es tu primer resultado en esta etapa; los siguientes mostrarán cómo cambian las cosas.
result-change-better =
    { $points ->
        [one] Cuando empezaste era { $baseline }. Es { $points } punto menos: una mejoría real.
       *[other] Cuando empezaste era { $baseline }. Son { $points } puntos menos: una mejoría real.
    }
result-change-worse =
    { $points ->
        [one] Cuando empezaste era { $baseline }. Es { $points } punto más. Tu terapeuta lo revisará contigo.
       *[other] Cuando empezaste era { $baseline }. Son { $points } puntos más. Tu terapeuta lo revisará contigo.
    }
result-change-little-lower = Cuando empezaste era { $baseline }: ahora un poco más bajo. Los cambios suelen tardar unas semanas en notarse.
result-change-little-higher = Cuando empezaste era { $baseline }: ahora un poco más alto. Los altibajos son normales.
result-change-same = Igual que cuando empezaste ({ $baseline }).
band-minimal = Mínima
band-mild = Leve
band-moderate = Moderada
band-moderately_severe = Moderadamente grave
band-severe = Grave

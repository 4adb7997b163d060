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
        [one] Respóndala ahora o envíe el cuestionario tal como está: su puntuación se calculará con las respuestas que dio.
       *[other] Respóndalas ahora o envíe el cuestionario tal como está: su puntuación se calculará con las respuestas que dio.
    }
measure-answer-them =
    { $n ->
        [one] Responderla
       *[other] Responderlas
    }
measure-send-as-is = Enviar tal como está
measure-see-result = Ver mi resultado

result-page-title = Su resultado
result-heading = Su resultado: { $title }
result-out-of = de { $max }
result-prorated = Dejó sin responder una o dos preguntas, así que su puntuación las cuenta como el promedio de sus otras respuestas.
result-follow-up = Responda también el PHQ-9 (unos 3 minutos)
result-not-diagnosis = Esto es un cuestionario, no un diagnóstico. Su terapeuta lo revisa con usted.
result-meaning-minimal = Pocas o ninguna señal de depresión o ansiedad en las últimas dos semanas.
result-meaning-mild = Algunos síntomas, leves. Siga con lo que le ayuda y cuéntele a su terapeuta lo que note.
result-meaning-moderate = Síntomas que hacen más difícil la vida diaria. Para esto son precisamente sus sesiones.
result-meaning-moderately-severe = Síntomas que le pesan mucho. Por favor, hable de este resultado en su próxima sesión, o antes con su terapeuta.
result-meaning-severe = Síntomas que le pesan muchísimo. Por favor, contacte pronto con su terapeuta y use la ayuda en crisis si las cosas se le hacen insoportables.
result-meaning-who5-poor = Su bienestar ha estado bajo últimamente. Responder también el PHQ-9 ayuda a su terapeuta a ver más.
result-meaning-who5 = Su bienestar durante las últimas dos semanas.
result-meaning-phq2 = Una revisión breve del ánimo y del interés.
result-meaning-other = Sus respuestas de las últimas dos semanas.
result-fibser-no-change = Los efectos secundarios no le están molestando mucho. Siga tomando su medicamento como se lo recetaron y mencione cualquier cambio en su próxima cita.
result-fibser-address = Los efectos secundarios le están molestando. Quien se lo recetó lo revisará con usted: a menudo ayuda cambiar la dosis o el horario. Por favor, no deje su medicamento por su cuenta.
result-fibser-reduce-or-switch = Los efectos secundarios le están molestando mucho. Quien se lo recetó lo revisará pronto con usted: una dosis más baja u otro medicamento pueden ayudar. Por favor, no deje su medicamento por su cuenta.
result-first = Este es su primer resultado en esta etapa; los siguientes mostrarán cómo cambian las cosas.
result-change-better =
    { $points ->
        [one] Cuando empezó era { $baseline }. Es { $points } punto menos: una mejoría real.
       *[other] Cuando empezó era { $baseline }. Son { $points } puntos menos: una mejoría real.
    }
result-change-worse =
    { $points ->
        [one] Cuando empezó era { $baseline }. Es { $points } punto más. Su terapeuta lo revisará con usted.
       *[other] Cuando empezó era { $baseline }. Son { $points } puntos más. Su terapeuta lo revisará con usted.
    }
result-change-little-lower = Cuando empezó era { $baseline }: ahora un poco más bajo. Los cambios suelen tardar unas semanas en notarse.
result-change-little-higher = Cuando empezó era { $baseline }: ahora un poco más alto. Los altibajos son normales.
result-change-same = Igual que cuando empezó ({ $baseline }).
band-minimal = Mínima
band-mild = Leve
band-moderate = Moderada
band-moderately_severe = Moderadamente grave
band-severe = Grave

# Textos que muestra el script de las páginas (static/app.js). `{name}` marca dónde pone el
# script un valor; son texto plano.
js-copied = Copiado
js-question = Pregunta { $number }: { $text }
js-unanswered-one = Una pregunta no tiene respuesta
js-unanswered-many = { $count } preguntas no tienen respuesta
js-unanswered-advice-one = Respóndela ahora, o envíalo tal como está: tu puntuación se calculará con las respuestas que diste.
js-unanswered-advice-many = Respóndelas ahora, o envíalo tal como está: tu puntuación se calculará con las respuestas que diste.
js-answer-it = Responderla
js-answer-them = Responderlas
js-send-as-is = Enviar tal como está
js-signed-out-kept = Se cerró tu sesión; lo que escribiste se guarda en este dispositivo. Vuelve a iniciar sesión para guardarlo.
js-signed-out-lost = Se cerró tu sesión, así que esto no está guardado. Vuelve a iniciar sesión para guardarlo.
js-saved-at = Guardado a las { $time }.
js-not-saved = No se guardó: { $message }
js-not-saved-yet = Aún no está guardado: usa el botón Guardar de abajo.
js-not-saved-offline = No se guardó: revisa tu conexión.
js-kept-restored = Recuperamos lo que escribiste el { $when }, guardado en este dispositivo.
js-kept-saving = Se está guardando ahora.
js-kept-send = Envíalo para guardarlo.
js-kept-put-back = Recuperar lo que guardó este dispositivo
js-kept-older = Este dispositivo guardó lo que escribiste el { $when }, pero después se guardó una versión más reciente (abajo).
js-draft-restored = Recuperamos tu borrador sin guardar. Aún no está guardado: guárdalo, o descártalo para volver a lo que estaba guardado.
js-draft-restored-from = Recuperamos tu borrador sin guardar de { $when }. Aún no está guardado: guárdalo, o descártalo para volver a lo que estaba guardado.
js-draft-discard = Descartar borrador
js-today-at = hoy a las { $time }
js-day-at = el { $day } a las { $time }
js-characters-left = Quedan { $left } de { $max } caracteres

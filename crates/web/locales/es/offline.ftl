## Sin conexión: el aviso de lo guardado en este dispositivo, «Saltar por hoy», la página sin conexión.
## { $time } y { $message } los pone static/offline.js.

offline-waiting-checkin = Tu registro diario de las { $time } está guardado en este dispositivo, esperando a enviarse. Se enviará solo cuando vuelvas a tener conexión.
offline-waiting-homework = Tu entrada de tarea de las { $time } está guardada en este dispositivo, esperando a enviarse. Se enviará sola cuando vuelvas a tener conexión.
offline-sending = Enviando lo que este dispositivo guardó…
offline-arrived-checkin = Tu registro diario de las { $time } ha llegado. Gracias.
offline-arrived-homework = Tu entrada de tarea de las { $time } ha llegado.
offline-signed-out = No has iniciado sesión, así que lo que guardó este dispositivo sigue esperando. Vuelve a iniciar sesión para enviarlo.
offline-refused-checkin = Tu registro diario de las { $time } no se pudo enviar: { $message } Corrígelo en la página del registro diario y envíalo de nuevo.
offline-refused-homework = Tu entrada de tarea de las { $time } no se pudo enviar: { $message }
offline-self-harm = Dijiste que has tenido pensamientos de que estarías mejor muerto o de hacerte daño. Tu equipo de atención solo podrá verlo cuando se envíe. Si necesitas ayuda ahora, la ayuda en crisis funciona sin conexión.
offline-sign-out-confirm = Algo que guardaste en este dispositivo aún no se ha enviado. Cerrar sesión lo borra. ¿Cerrar sesión de todos modos?
offline-crisis-link = Ayuda en crisis
offline-sign-in-link = Volver a iniciar sesión
skip-today = Saltar por hoy
skip-today-skipped = Saltado por hoy. Mañana vuelve a estar aquí.
skip-today-anyway = Hacerlo ahora de todos modos
offline-page-title = Sin conexión
offline-page-lead = Esta página no se puede abrir sin conexión. Estas sí:
offline-page-crisis = Ayuda en crisis
offline-page-checkin = Registro diario
offline-page-safety-plan = Mi plan de seguridad
offline-page-once-opened = (una vez que la hayas abierto en este dispositivo con conexión)
offline-page-kept = Un registro diario que guardes sin conexión se queda en este dispositivo y se envía solo cuando vuelvas a tener conexión.
manifest-description = Tu registro diario, tu plan de seguridad y ayuda en crisis, también sin conexión.

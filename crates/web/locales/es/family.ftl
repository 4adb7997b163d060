# Las páginas de los familiares.

family-lead = Esto es lo que comparten contigo las personas que te invitaron. Gracias por estar a su lado.
family-nobody = Por ahora nadie comparte nada contigo. Cuando alguien te invite, abre su enlace para aceptar.
family-you-are-their = tú eres su { $relationship }
family-shares-nothing = Por ahora { $name } no comparte nada contigo.
family-danger = Si alguien está en peligro ahora
family-crisis-link = Líneas de crisis y qué hacer
family-link-learning = Páginas para la familia
family-link-warning-signs = Señales de alerta y lo que ayuda
family-link-observations = Contarle al terapeuta lo que notaste
family-link-sessions = Sesiones en familia

## Family pages: joining, learning, warning signs, safety plan, sessions (helper A)
fj-title = Únete a Rapport
fj-invited = { $name } te invitó
fj-lead = A { $name } le gustaría que le acompañes y apoyes. Con una cuenta podrás:
fj-never = Nunca verás sus puntajes, notas, tareas ni mensajes. { $name } puede cambiar lo que ves, o quitártelo, cuando quiera. Este enlace sirve una sola vez, hasta el { $expires } (UTC).
fj-accept = Aceptar la invitación de { $name }
fj-other-account = Entraste con una cuenta que no puede unirse como familiar o amigo. Sal de tu cuenta y vuelve a abrir este enlace para crear una cuenta aparte con la dirección a la que llegó la invitación.
fj-kept = Guardamos lo que escribiste, menos la contraseña: escríbela otra vez.
fj-create = Crear mi cuenta
fj-already = ¿Ya tienes una cuenta de Rapport como familiar o amigo de alguien? <a href="/login?next=/join/{ $token }">Entra</a> y luego acepta.
fj-broken = Este enlace de invitación no funciona
fj-ask-again = Pide a la persona que te invitó que cree un enlace nuevo en su página "Familia y amigos" y te lo vuelva a enviar.
fj-name = Tu nombre
fj-email = Tu correo electrónico
fj-email-hint = La dirección a la que llegó la invitación.
fj-password = Contraseña
fj-password-hint = Al menos 10 caracteres. Unas cuantas palabras juntas son fáciles de recordar y difíciles de adivinar.
scope-learning = Páginas para leer
scope-warning_signs = Señales de alerta
scope-safety_plan = Plan de seguridad
scope-family_sessions = Sesiones familiares
scope-observations = Contarle al terapeuta lo que notan
scope-invitee-learning = Leer las páginas que su terapeuta sugiere para la familia y los amigos.
scope-invitee-warning_signs = Ver sus propias señales de alerta temprana y lo que ayuda cuando aparecen.
scope-invitee-safety_plan = Leer su plan de seguridad (no puedes cambiarlo).
scope-invitee-family_sessions = Ver las sesiones familiares a las que te invitan y unirte a ellas.
scope-invitee-observations = Avisar a su terapeuta cuando notes una de sus señales de alerta (esa persona también lo ve).
fl-title = Páginas para la familia
fl-heading = Páginas para la familia y los amigos de { $name }
fl-back = Volver a tu inicio
fl-nothing = Todavía no hay nada aquí.
fl-recommended = recomendada por el terapeuta
fsp-title = Plan de seguridad
fsp-heading = El plan de seguridad de { $name }
fsp-danger = Si { $name } está en peligro ahora
fsp-version = Versión { $version }, { $updated }. Solo { $name } y su equipo de atención pueden cambiarlo.
fsp-not-filled = Todavía sin llenar.
fsp-none = { $name } todavía no tiene un plan de seguridad.
fs-title = Sesiones familiares
fs-heading = Tus sesiones familiares
fs-lead = Sesiones a las que te invitan con alguien a quien apoyas. Para tenerlas en tu propia app de calendario, crea una dirección de calendario privada en <a href="/account">la página de tu cuenta</a>.
fs-none = No hay sesiones familiares próximas.
fs-cancelled = cancelada
fs-with = Con { $who } y { $clinician }
fw-title = Señales de alerta
fw-heading = Las señales de alerta temprana de { $name }
fw-signs = Señales de que las cosas pueden estar poniéndose más difíciles
fw-no-signs = { $name } todavía no ha escrito sus señales de alerta.
fw-tell = Contarle al terapeuta lo que notaste
fw-helps = Lo que ayuda
fw-not-written = Todavía sin escribir.
fw-contact = A quién contactar
fw-danger = Si crees que { $name } está en peligro ahora, <a href="/crisis">usa las líneas de crisis</a>.
ob-title = Lo que notaste
ob-heading = ¿Qué has notado en { $name }?
ob-thanks-seen = <strong>Gracias. El terapeuta de { $name } lo verá.</strong>
ob-thanks = <strong>Gracias. Quedó guardado.</strong>
ob-can-see = { $name } también puede ver lo que envías. Si te preocupa su seguridad ahora mismo, <a href="/crisis">mira a quién llamar</a>.
ob-lead = Marca las señales de alerta temprana de la lista de { $name } que notaste hoy, o escribe una línea. { $name } puede ver lo que envías.
ob-signs = Las señales de alerta de { $name }
ob-no-signs = { $name } todavía no tiene señales de alerta en su lista. Igual puedes escribir lo que notaste.
ob-note = Una nota corta (opcional)
ob-note-hint = Lo que notaste, en una o dos líneas. Hasta { $n } caracteres.
ob-send = Enviar
ob-back = Volver a tu inicio

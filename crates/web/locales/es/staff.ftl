# Páginas del personal: administración, informes, grupos, consultas, acceso de emergencia (ayudante D).

## El panel de administración
admin-title = Administración
admin-card-accounts = Cuentas
admin-card-verification = Verificación de terapeutas
admin-card-care-teams = Equipos de atención
admin-card-triage = Guardia de triaje
admin-card-on-call = Turnos de guardia
admin-card-settings = Configuración de la instancia
admin-card-audit = Registro de auditoría
admin-card-jobs = Tareas y correo electrónico
admin-card-erasure = Solicitudes de borrado
admin-card-emergency = Acceso de emergencia
admin-health-accounts = { $clients } { $clients ->
        [one] cliente
       *[other] clientes
    }, { $clinicians } { $clinicians ->
        [one] terapeuta
       *[other] terapeutas
    }, { $family } { $family ->
        [one] familiar
       *[other] familiares
    }, { $admins } { $admins ->
        [one] administrador
       *[other] administradores
    }. Busque una cuenta, desactívela, nombre a un terapeuta responsable de la consulta, cree cuentas del personal.
admin-health-verification = Comprobación de licencias: el directorio solo muestra a un terapeuta una vez comprobado.
admin-health-care-teams = Añadir un terapeuta al equipo de atención de un cliente, o retirarlo; clientes que piden otro terapeuta.
admin-health-triage-nobody = Nadie está de guardia de triaje: las alertas de clientes sin equipo de atención no llegan a nadie.
admin-health-triage = { $n } { $n ->
        [one] terapeuta
       *[other] terapeutas
    } de guardia de triaje.
admin-health-on-call = A quién se avisa cuando nadie atiende a tiempo una alerta de seguridad.
admin-health-settings = Líneas de crisis: { $lines }. Cierre de sesión de clientes por inactividad: { $minutes } minutos.
admin-health-lines-for = { $n } { $n ->
        [one] línea
       *[other] líneas
    } para { $country }
admin-health-lines-built-in = las incorporadas
admin-health-audit = { $n } { $n ->
        [one] evento
       *[other] eventos
    }. Fíltrelos y compruebe la cadena.
admin-health-jobs-email-on = { $queued } en cola, { $failed } fallidas, { $dead } muertas. El correo electrónico está activado.
admin-health-jobs-email-off = { $queued } en cola, { $failed } fallidas, { $dead } muertas. El correo electrónico está desactivado.
admin-health-erasure = Solicitudes de los clientes para borrar su cuenta, y las reglas de conservación.
admin-health-emergency = Historias abiertas en una emergencia por terapeutas ajenos al equipo de atención.
admin-backups = Copias de seguridad
admin-backups-hint = SQLite: <code translate="no">rapport backup --to FILE</code> escribe una copia coherente mientras el servidor funciona. PostgreSQL: <code translate="no">pg_dump</code> cada noche y archivado continuo (recuperación a un momento dado). Guarde el archivo de claves aparte de las copias. Consulte <code translate="no">docs/administration.md</code>.
admin-back = Volver a la administración

## Cuentas
admin-accounts = Cuentas
admin-accounts-page = , página { $n }
admin-find-account = Buscar una cuenta
admin-name-or-email = Nombre o dirección de correo electrónico
admin-find-hint = El comienzo de las palabras de un nombre («av joh» encuentra a Avery Johnson), o el comienzo de una dirección de correo electrónico.
admin-role = Función
admin-any-role = Cualquier función
admin-role-client = Cliente
admin-role-clinician = Terapeuta
admin-role-family = Familiar
admin-role-admin = Administrador
admin-search = Buscar
admin-accounts-found = { $n ->
        [0] Ninguna cuenta coincide
        [one] 1 cuenta
       *[other] { $n } cuentas
    }
admin-page-of = Página { $page } de { $pages }
admin-n-of = { $page } de { $pages }
admin-disabled = desactivada
admin-practice-lead = responsable de la consulta
admin-id = Identificador:
admin-two-step = Verificación en dos pasos:
admin-two-step-on = activada
admin-two-step-not-needed = no necesaria
admin-two-step-not-yet = aún sin configurar
admin-manage = Gestionar
admin-reason = Motivo
admin-reason-hint = Necesario para desactivar, por ejemplo «dejó la consulta». No escriba datos clínicos. Una cuenta desactivada cierra su sesión en todas partes a la vez; sus registros se conservan.
admin-of = de
admin-enable = Activar la cuenta
admin-disable = Desactivar la cuenta
admin-disable-confirm = ¿Desactivar esta cuenta? Su sesión se cierra en todas partes a la vez.
admin-lead-stop = Dejar de ser responsable de la consulta
admin-lead-make = Nombrar responsable de la consulta
admin-lead-hint = Un responsable de la consulta ve los informes de resultados de toda la consulta y recibe aviso cuando se abre una historia en una emergencia.
admin-pages = Páginas
admin-prev-page = Página anterior
admin-next-page = Página siguiente
admin-create-staff = Crear un terapeuta o un administrador
admin-credential = Titulación (terapeutas)
admin-create-account = Crear la cuenta
admin-field-name = Nombre
admin-field-email = Dirección de correo electrónico
admin-field-password = Primera contraseña
admin-field-password-hint = Al menos 10 caracteres. Entréguesela en persona o por teléfono, nunca por correo electrónico.
credential-md = MD (doctor en medicina)
credential-do = DO (doctor en medicina osteopática)
credential-phd = PhD (psicólogo clínico)
credential-psyd = PsyD (doctor en psicología)
credential-lcsw = LCSW (trabajador social clínico con licencia)
credential-lpc = LPC (consejero profesional con licencia)
credential-lmft = LMFT (terapeuta matrimonial y familiar con licencia)
credential-np = NP (enfermero especialista en psiquiatría)
credential-psychiatric_nurse = Enfermero psiquiátrico
credential-counsellor = Consejero

## Equipos de atención
team-find = 1. Busque al cliente y al terapeuta
team-client-q = Nombre o correo electrónico del cliente
team-clinician-q = Nombre o correo electrónico del terapeuta
team-clinician-q-hint = Déjelo vacío para ver los primeros terapeutas.
team-find-button = Buscar
team-choose = 2. Elija y luego añada o finalice
team-find-first = Primero busque al cliente arriba.
team-no-client = Ningún cliente activo coincide con «{ $q }».
team-clients-more = { $total } coincidencias; se muestran las primeras { $shown }. Escriba más del nombre para acotar.
team-no-clinician = Ningún terapeuta activo coincide.
team-clinicians-more = { $total } coincidencias; se muestran las primeras { $shown }.
team-role = Función en el equipo
team-add = Añadir al equipo de atención
team-end-confirm = ¿Finalizar esta pertenencia al equipo de atención? El terapeuta ya no podrá abrir la historia del cliente.
team-end = Finalizar la pertenencia al equipo
team-end-hint = Al finalizar una pertenencia, el terapeuta ya no puede abrir la historia del cliente, a partir de su siguiente solicitud. El cliente ve el cambio en su registro de accesos.
team-requests = Solicitudes de otro terapeuta
team-none-waiting = Ninguna pendiente.
team-requests-hint = Estos clientes pidieron otro terapeuta después de una sesión. Cambie su equipo de atención arriba; sus motivos se guardan para buscar un terapeuta adecuado y no se muestran aquí.
team-asked = lo pidió el { $when }

## Configuración de la instancia
settings-saved = La configuración está guardada.
settings-crisis = Líneas de crisis
settings-crisis-hint = La página de crisis y cada aviso de crisis muestran las líneas del país de la instancia. Si no hay ninguna para ese país, muestran las incorporadas (el 988 y el 911 de Estados Unidos, o el archivo de crisis de la instancia).
settings-country = El país de la instancia
settings-country-hint = Su código de dos letras, como US, GB o ES.
settings-lines = Líneas de crisis, una por renglón
settings-lines-hint = país | qué es | enlace (tel:, sms: o https://) | texto del botón. Por ejemplo: ES | Línea 024 de atención a la conducta suicida (llamada, a cualquier hora) | tel:024 | Llamar al 024
settings-schedules = Frecuencia predeterminada de los cuestionarios
settings-schedules-hint = Cada cuántos días se pregunta a los clientes (0: no se pregunta), salvo que su terapeuta lo haya cambiado. Vacío: el valor incorporado.
settings-every-days = { $what }: cada … días
settings-built-in = Incorporado: { $n }.
settings-timeouts = Tiempos de inactividad
settings-idle = Cerrar la sesión de clientes y familiares tras estos minutos de inactividad
settings-idle-hint = De 5 a 720. Vacío: { $n } (la configuración del servidor). El personal siempre cierra sesión a los 30. Se aplica desde el siguiente inicio de sesión.
settings-save = Guardar la configuración
settings-schedule-checkin = Registro diario
settings-schedule-phq9 = PHQ-9 (depresión)
settings-schedule-gad7 = GAD-7 (ansiedad)
settings-schedule-who5 = WHO-5 (bienestar)

## Guardia de triaje
triage-who = Quién está de guardia de triaje
triage-hint = Los terapeutas de guardia de triaje ven las alertas de los clientes que aún no tienen equipo de atención (altas nuevas, clientes entre un terapeuta y otro) y pueden hacerse cargo de ellos.
triage-nobody = <strong>Nadie está de guardia de triaje.</strong> Las alertas de clientes sin equipo de atención —también una alerta de seguridad— no llegan a nadie. Elija al menos un terapeuta abajo.
triage-on-duty = De guardia de triaje
triage-create-first = Primero cree un terapeuta.
triage-save = Guardar la guardia de triaje
triage-on-call-link = Los turnos de guardia y el tiempo de escalado

## Registro de auditoría
audit-chain = La comprobación de la cadena
audit-chain-hint = Cada evento guarda el hash del anterior, de modo que un evento cambiado, eliminado o insertado rompe la cadena en el punto donde ocurrió.
audit-intact = La cadena está intacta: { $n } eventos comprobados.
audit-broken = La cadena está rota.
audit-checked-before = { $n } eventos comprobados antes de la ruptura.
audit-check = Comprobar la cadena
audit-filter = Filtrar
audit-action = Acción
audit-action-hint = Un código como account.disabled o auth.sign_in.
audit-actor = Quién lo hizo (identificador de cuenta)
audit-client = De quién es la historia (identificador de cuenta del cliente)
audit-outcome = Resultado
audit-any = Cualquiera
audit-from = Desde (día, UTC)
audit-to = Hasta el final de (día, UTC)
audit-show = Mostrar eventos
audit-events = Eventos, los más recientes primero
audit-none = Ningún evento coincide.
audit-client-record = Historia del cliente:
audit-resource = Recurso:
audit-detail = Detalle:
audit-newest = Eventos más recientes
audit-older = Eventos anteriores

## Tareas en segundo plano y correo electrónico
jobs-title = Tareas en segundo plano y correo electrónico
jobs-email-on = El correo electrónico está activado: los avisos también se envían por correo a quienes lo eligieron. Un correo solo dice que hay un aviso, con un enlace.
jobs-email-off = <strong>El correo electrónico está desactivado.</strong> No hay ningún servidor SMTP configurado, así que los avisos solo llegan a las personas dentro de Rapport. Inicie el servidor con <code translate="no">--smtp-url</code> y <code translate="no">--mail-from</code> (o <code translate="no">RAPPORT_SMTP_URL</code> y <code translate="no">RAPPORT_MAIL_FROM</code>) para enviarlos también por correo.
jobs-queue = La cola de tareas
jobs-queue-hint = Cada servidor toma su parte de la cola. Una tarea fallida se vuelve a intentar más tarde, esperando más cada vez; tras su último intento se da por perdida y queda aquí para que la vea.
jobs-by-state = Tareas por estado
jobs-state = Estado
jobs-jobs = Tareas
jobs-state-queued = En espera
jobs-state-running = En curso
jobs-state-done = Hecha
jobs-state-failed = Fallida, se reintentará
jobs-state-dead = Abandonada
jobs-state-unknown = Desconocido
jobs-troubled = Tareas fallidas y abandonadas
jobs-none-troubled = Ninguna. Todas las tareas se han ejecutado hasta ahora.
jobs-newest-first = Las más recientes primero
jobs-kind = Tipo
jobs-tries = Intentos
jobs-next-try = Próximo intento
jobs-last-error = Último error
jobs-attempts-of = { $n } de { $max }
jobs-deliveries = Envíos de correo electrónico
jobs-deliveries-hint = Un correo cuenta como entregado solo cuando el servidor de correo lo aceptó; su respuesta se muestra tal como la dio.
jobs-no-email = Todavía no hay correos.
jobs-to = Para
jobs-reply = Respuesta del servidor
jobs-updated = Actualizado

## Guardia
oncall-title = Guardia
oncall-saved = La configuración de guardia está guardada.
oncall-who-now = A quién se avisa ahora
oncall-hint = Cuando nadie atiende una alerta de seguridad dentro del tiempo de escalado, Rapport avisa al terapeuta de guardia en ese momento.
oncall-now = De guardia ahora:
oncall-fallback = <strong>Nadie está de guardia ahora.</strong> Un escalado llega en su lugar a los terapeutas de guardia de triaje:
oncall-nobody = <strong>Nadie está de guardia ahora, y nadie está de guardia de triaje.</strong> Una alerta de seguridad no atendida no llega a nadie hasta que alguien esté de guardia. Añada un turno abajo.
oncall-rota = Turnos
oncall-rota-caption = Los turnos ({ $n } { $n ->
        [one] turno sin terminar
       *[other] turnos sin terminar
    }, horas en { $zone })
oncall-from = Desde
oncall-until = Hasta
oncall-edit = Tiempo de escalado y turnos
oncall-minutes = Escalar una alerta de seguridad que nadie atendió después de (minutos)
oncall-minutes-hint = Entre 5 y 240. 30 salvo que lo cambie.
oncall-times-hint = Las horas están en su reloj ({ $zone }). Un turno va desde su inicio hasta su fin; los turnos terminados se guardan como registro y no se muestran. Deje la última fila vacía para no añadir nada.
oncall-new-shift = Nuevo turno
oncall-shift = Turno { $n }
oncall-clinician = Terapeuta de guardia
oncall-choose = Elija un terapeuta
oncall-remove = Quitar este turno
oncall-save = Guardar la configuración de guardia

## Acceso de emergencia
emerg-admin-saved = La configuración está guardada.
emerg-admin-allow = Permitir el acceso de emergencia
emerg-admin-hint = Un terapeuta que no está en el equipo de atención de un cliente puede abrir la historia durante una hora, solo para leer, indicando un motivo. Cada apertura se registra, se comunica de inmediato al equipo de atención y a los responsables de la consulta, y se muestra al cliente. Desactivarlo también termina las aperturas en curso.
emerg-admin-may = Los terapeutas pueden abrir una historia en una emergencia
emerg-save = Guardar
emerg-admin-is-on = El acceso de emergencia está <strong>activado</strong>.
emerg-admin-is-off = El acceso de emergencia está <strong>desactivado</strong>.
emerg-admin-recent = Aperturas recientes
emerg-admin-recent-hint = Los últimos 90 días. Los motivos los leen el equipo de atención, los responsables de la consulta y el cliente, no aquí: pueden describir la salud del cliente.
emerg-admin-none = No se ha abierto ninguna historia en una emergencia.
emerg-admin-recent-label = Aperturas de emergencia recientes
emerg-openings-caption = Aperturas de emergencia, las más recientes primero
emerg-when = Cuándo
emerg-open-now = (abierta ahora)
emerg-lead = Cuando un cliente que no es suyo necesita ayuda ahora y no se puede localizar a su equipo de atención, puede abrir su historia durante una hora, solo para leer.
emerg-active = Historias que tiene abiertas ahora
emerg-until = hasta las { $time }
emerg-find = Buscar al cliente
emerg-query = La dirección de correo electrónico o el nombre completo del cliente
emerg-query-hint = Exactamente como lo dio: una parte de un nombre no encuentra a nadie. Su búsqueda queda registrada.
emerg-nobody = No se encontró a nadie
emerg-open-record = Abrir la historia
emerg-nobody-hint = Ningún cliente tiene exactamente esa dirección de correo electrónico o ese nombre completo. Revise la ortografía o pruebe con el otro dato.
emerg-warning = <strong>Esto queda registrado y se comparte.</strong> Abrir una historia en una emergencia se anota en el registro de auditoría, se comunica de inmediato al equipo de atención del cliente y al responsable de la consulta, y se muestra al cliente con su motivo. Puede leer durante una hora; no puede cambiar nada, y las notas de psicoterapia siguen cerradas.
emerg-why = ¿Por qué debe abrir ahora la historia de { $name }?
emerg-why-hint = De 10 a 500 caracteres. El equipo de atención, el responsable de la consulta y el cliente lo leerán.
emerg-open-hour = Abrir la historia durante una hora
emerg-review = Aperturas de emergencia para revisar
emerg-review-hint = Aperturas de las historias de sus clientes por otras personas y, para un responsable de la consulta, todas las aperturas de la consulta (los últimos 90 días).

## Solicitudes de borrado
erasure-retention = La regla de conservación
erasure-retention-text = Ejecutar una solicitud elimina o anonimiza de inmediato todo lo que no es la historia clínica: el acceso, la dirección de correo electrónico y el nombre, los dispositivos y aplicaciones, los avisos y recordatorios, el acceso de familiares, las solicitudes para conocer a terapeutas, los borradores. La historia clínica se conserva durante <strong>{ $years } años</strong> después del último contacto del cliente, fuera de las listas de todos, y luego Rapport la elimina. El registro de auditoría conserva sus líneas (solo identificadores y códigos).
erasure-years = Conservar las historias clínicas tras el último contacto (años)
erasure-years-hint = De 0 a 30. 7 salvo que lo cambie. Consulte la ley del lugar donde ejerce (algunas piden 10 años, o más en el caso de menores).
erasure-save-years = Guardar el periodo de conservación
erasure-requests = Solicitudes
erasure-show = Mostrar
erasure-none = No hay solicitudes aquí.
erasure-email = Correo electrónico
erasure-asked = Solicitada
erasure-handled = Tramitada
erasure-last-contact = Último contacto
erasure-rule = Regla
erasure-rule-kept = Historia clínica conservada { $years } años después del último contacto: hasta el { $until }
erasure-rule-deleted = ; eliminada el { $date }
erasure-rule-rest = . Todo lo demás se elimina de inmediato.
erasure-handle = Tramitar esta solicitud
erasure-total = { $n } { $n ->
        [one] solicitud
       *[other] solicitudes
    }; horas en { $zone }
erasure-handle-title = Tramitar una solicitud de borrado
erasure-back = Volver a las solicitudes de borrado
erasure-carry = Ejecutarla
erasure-removed = Se elimina o anonimiza de inmediato:
erasure-kept = Se conserva hasta el { $until } y luego Rapport la elimina: la historia clínica (no aparece en la lista de casos de nadie; para atender un requerimiento legal, vuelva a añadir a un terapeuta al equipo de atención; eso queda auditado).
erasure-confirm = He comprobado que no hay ninguna retención legal sobre esta historia.
erasure-carry-confirm = ¿Ejecutar esta solicitud? No se puede deshacer.
erasure-carry-button = Ejecutar la solicitud
erasure-decline = O rechazarla
erasure-why = Por qué (el cliente verá esto)
erasure-why-hint = Una retención legal, por ejemplo. Sin datos clínicos.
erasure-decline-button = Rechazar la solicitud

## Grupos
grp-title = Grupos
grp-you-lead = Grupos que dirige
grp-yours = Tus grupos
grp-none-led = Todavía no dirige ningún grupo.
grp-none-member = No tienes plaza en ningún grupo. Si un grupo pudiera ayudarte, pregúntale a tu terapeuta.
grp-weeks = { $n } semanas
grp-start = Crear un grupo
grp-name-hint = Lo que verán los miembros, p. ej. TCC para la depresión.
grp-approach = Enfoque
grp-places = Plazas
grp-places-hint = De 2 a 16 miembros.
grp-weeks-label = Semanas
grp-weeks-hint = Cuánto dura el programa: de 1 a 52 semanas.
grp-schedule = Cuándo se reúne
grp-schedule-hint = En palabras, p. ej. los miércoles de 18:00 a 19:30.
grp-criteria = Para quién es (opcional)
grp-criteria-hint = Los miembros lo leen antes de decidir si se unen.
grp-create = Crear el grupo
grp-status-led = { $joined } unidos, { $offered } pendientes de respuesta, { $places } plazas
grp-status-offered = Se te ofrece una plaza
grp-status-joined = Se unió
grp-all = Todos sus grupos
grp-facts = { $weeks } semanas · { $places } plazas
grp-members = Miembros
grp-no-places = Todavía no se ha ofrecido ninguna plaza.
grp-members-caption = Cada cliente decide si se une; solo los miembros que se unieron participan en las sesiones.
grp-member = Miembro
grp-place = Plaza
grp-first-name-shown = Nombre de pila visible para los demás
grp-yes = Sí
grp-member-not-shared = Un miembro cuya historia no se comparte con usted
grp-offer-label = Ofrecer una plaza a un cliente de su lista de casos
grp-everyone-placed = Todos los clientes de su lista de casos ya tienen plaza.
grp-offer = Ofrecer una plaza
grp-schedule-sessions = Programar sesiones
grp-first-session = Primera sesión (su hora)
grp-minutes = Minutos
grp-weekly = Sesiones semanales
grp-how = Cómo se realiza
grp-in-person = En persona
grp-online = En línea
grp-by-phone = Por teléfono
grp-place-link = Lugar o enlace de la reunión
grp-book-anyway = Reservar aunque se solape con otra sesión
grp-schedule-button = Programar con los miembros que se unieron
grp-sessions = Sesiones
grp-no-sessions = Todavía no hay sesiones.
grp-cancelled = Cancelada
grp-att-attended = Asistió
grp-att-late = Cancelada a última hora
grp-att-no-show = No asistió
grp-note = Nota sobre el grupo
grp-note-hint = Sobre el grupo en su conjunto: temas, ejercicios, cómo fue. Nunca un detalle privado de un miembro: eso va en la nota de evolución de ese miembro.
grp-save-note = Guardar la nota del grupo
grp-booked = { $n } con reserva.
grp-reliable-def = Mejoría fiable: el PHQ-9 baja 6 puntos o más, desde la última puntuación antes de la primera sesión (o ese mismo día) hasta la más reciente desde entonces.
grp-not-shared = { $n } { $n ->
        [one] miembro no compartido
       *[other] miembros no compartidos
    } con usted (no está en su equipo de atención) no se cuentan.
grp-outcomes-label = PHQ-9 y asistencia de los miembros
grp-outcomes-caption = PHQ-9 uno al lado del otro (la línea es una imagen de las puntuaciones que aparecen a su lado) y asistencia
grp-trend = Tendencia del PHQ-9
grp-scores = Puntuaciones, de la más antigua a la más reciente
grp-start-score = Inicio
grp-latest = Última
grp-improved = Mejoría fiable
grp-attended = { $n } de { $of } (faltó a { $missed })
grp-share-empty = Todavía ningún miembro tiene un PHQ-9 antes y después del inicio del grupo.
grp-share-too-few = No se muestra: { $n } miembros con puntuaciones antes y después. Un porcentaje se muestra a partir de { $min } miembros, para que no pueda señalar a nadie.
grp-share-rate = { $count } de { $of } mejoraron de forma fiable ({ $share } %; intervalo de confianza del 95 %: { $low } % a { $high } %).

## El informe de resultados
report-title = Resultados
report-lead = Episodios de { $whose } del { $from } al { $to }. Las tasas cuentan los episodios terminados, según las definiciones de la referencia clínica de la consulta.
report-main-figures = Las cifras principales
report-choose-period = Elija el periodo del informe.
report-change = Cambiar el periodo
report-change-lead = Cambiar el periodo o el terapeuta
report-filters = Filtros del informe
report-from = Desde (primer día)
report-to = Hasta (último día)
report-clinician-hint = Como responsable de la consulta ve a todos; elija un terapeuta para ver solo a sus clientes.
report-whole-practice = Toda la consulta
report-csv = Descargar como CSV
report-rates = Tasas
report-rates-caption = Las barras son las tasas; las líneas que las cruzan, sus intervalos del 95 %.
report-show-table = Mostrar como tabla
report-rates-table = Tasas con sus recuentos e intervalos de Wilson del 95 %
report-rate = Tasa
report-count-interval = Recuento e intervalo
report-which-count = Qué episodios cuentan
report-which-hint = Cada tasa cuenta solo los episodios que llegan a su paso.
report-funnel = El embudo de elegibilidad
report-step = Paso
report-episodes = Episodios
report-activity = Episodios y sesiones
report-no-finished = Ningún episodio terminado.
report-small-cells = : no se muestran menos de 5 episodios («muy pocos»)
report-group = Grupo
report-finished-col = Terminados
report-whose-practice = toda la consulta
report-whose-yours = sus clientes
report-whose-one = los clientes de un terapeuta
report-whose-named = los clientes de { $name }
report-finished = Episodios terminados
report-open-started = { $open } abiertos en el periodo, { $started } iniciados
report-rate-recovery = Recuperación
report-rate-recovery-means = caso clínico al inicio, por debajo del umbral clínico tanto en el PHQ-9 como en el GAD-7 al final
report-rate-reliable-recovery = Recuperación fiable
report-rate-reliable-recovery-means = recuperado y con mejoría fiable
report-rate-reliable-improvement = Mejoría fiable
report-rate-reliable-improvement-means = el PHQ-9 baja 6 o más o el GAD-7 baja 4 o más, y ninguno sube tanto
report-rate-reliable-deterioration = Empeoramiento fiable
report-rate-reliable-deterioration-means = el PHQ-9 sube 6 o más o el GAD-7 sube 4 o más, y ninguno baja tanto
report-rate-response = Respuesta
report-rate-response-means = el PHQ-9 baja a la mitad o más desde 10 o más
report-rate-remission = Remisión
report-rate-remission-means = el PHQ-9 queda por debajo de 5 desde 10 o más
report-rate-dropout = Abandono
report-rate-dropout-means = cerrado sin un alta planificada después de una o más sesiones
report-rate-words = { $n } de { $of } ({ $rate }); intervalo del 95 %: { $low } a { $high }
report-nothing-yet = todavía no hay nada que contar
report-cell = { $rate } ({ $n } de { $of })
report-too-few = muy pocos
report-no-phq9 = Sin PHQ-9
report-no-plan = Sin plan de tratamiento
report-rates-chart = Tasas de resultados con sus intervalos del 95 %
report-funnel-chart = Qué episodios terminados cuentan
report-funnel-two-sessions = Con 2 o más sesiones a las que asistió
report-funnel-paired = Con un PHQ-9 y un GAD-7 primero y último
report-funnel-case = Caso clínico al inicio (la recuperación y el cambio fiable cuentan estos)
report-funnel-phq9-case = Con 2 o más sesiones y un PHQ-9 de 10 o más (la respuesta y la remisión cuentan estos)
report-act-open = Episodios abiertos en el periodo
report-act-started = Episodios iniciados
report-act-finished = Episodios terminados
report-act-sessions = Sesiones a las que se asistió en episodios terminados
report-act-mean = Sesiones por episodio terminado (media)
report-act-median = Sesiones por episodio terminado (mediana)
report-act-phq9 = Sesiones con un PHQ-9 en el plazo de un día
report-by-severity = Según la gravedad al inicio (PHQ-9)
report-by-approach = Según el enfoque
report-by-format = Según el formato
report-by-clinician = Según el terapeuta
report-by-period = Según el mes o trimestre en que terminaron

## Consultas
cons-title = Consultas
cons-requests = Solicitudes de consulta
cons-yours = Tus consultas
cons-lead = Conoce a varios y luego elige a aquel con quien sientas que puedes trabajar.
cons-compare = Cómo te sentiste en los encuentros
cons-compare-hint = Tus propias respuestas, una al lado de la otra, para ayudarte a elegir. Solo tú las ves.
cons-compare-caption = Tus respuestas, de 0 nada a 10 totalmente
cons-question = Pregunta
cons-your-note = Tu nota
cons-no-requests = Todavía no hay solicitudes.
cons-not-asked = Todavía no has pedido cita a nadie. <a href="/find">Busca un terapeuta adecuado para ti</a>.
cons-going-back = regreso
cons-times-them = Horarios que le vienen bien:
cons-date-time = Fecha y hora de la consulta (su hora)
cons-accept = Aceptar
cons-decline-why = O rechace, explicando por qué
cons-decline-hint = La persona lo leerá, así que sea amable y breve: le ayuda a buscar en otro lugar.
cons-decline = Rechazar
cons-not-chosen = { $name } eligió trabajar con otra persona. Gracias por reunirse con { $name }.
cons-withdrawn = { $name } eligió trabajar con otra persona. Gracias por dedicarle su tiempo.
cons-chosen = { $name } eligió trabajar con usted. Ya está en su lista de casos.
cons-waiting = Esperando su respuesta. Tú propusiste:
cons-how-felt = ¿Cómo te sentiste? Cuatro preguntas rápidas, solo para ti: tus respuestas se colocan junto a las demás para ayudarte a elegir.
cons-scale = 0 nada, 10 totalmente
cons-remember = ¿Algo que quieras recordar?
cons-optional = (opcional)
cons-save-felt = Guardar cómo te sentiste
cons-when-ready = Cuando estés listo, elige a la persona con quien quieres trabajar.
cons-meet-then = Te atenderán a esa hora. Después de la consulta, elige aquí a la persona con quien quieres trabajar.
cons-agree = Acepto que { $name } pueda ver mi historia anterior aquí.
cons-agree-hint = Ya tienes una historia aquí. En Rapport tu terapeuta ve toda tu historia, así que elegir a uno nuevo necesita tu consentimiento: solo puede atenderte bien si sabe lo que pasó antes. Si prefieres que no, habla primero con la consulta.
cons-choose = Elegir a { $name }
cons-look-else = Buscar a otra persona
cons-your-therapist = Tu terapeuta.
cons-closed = Cerrada.
cons-earlier = Volver con un terapeuta anterior
cons-earlier-hint = Si la terapia te ayudó antes, o si el terapeuta no era el problema, volver con alguien que ya te conoce puede ser una buena opción.
cons-ask-back = Pedir a { $name } que vuelva a atenderte
cons-new-title = Pedir una consulta
cons-new-returning = Pedir volver con tu terapeuta
cons-new-short = Pedir una consulta breve
cons-new-lead = Conocer a varios terapeutas antes de elegir es normal y sensato: importa cómo te llevas con tu terapeuta. Cada uno responde con un horario, o te avisa si no puede.
cons-new-who = A quién se lo pides
cons-new-none = Todavía no has elegido a ningún terapeuta. <a href="/find">Busca un terapeuta adecuado para ti</a> y pídelo desde allí, o consulta <a href="/therapists">el directorio</a>.
cons-new-times = Horarios que te vienen bien
cons-new-times-hint = Al menos uno, con tus propias palabras: «entre semana por la tarde después de las 6», «sábado por la mañana».
cons-new-time = Horario { $n }
cons-new-message = Un mensaje
cons-new-message-hint = En qué te gustaría recibir ayuda, o cualquier cosa que quieras que sepan. Hasta 1000 caracteres.
cons-new-share = Si elijo a este terapeuta, podrá ver mi historia anterior aquí (cuestionarios, planes, notas).
cons-new-send = Enviar la solicitud

## Frases de los casos de uso en las páginas del personal (en i18n/errors.rs)
staff-notice-user-created = Cuenta creada. La persona inicia sesión con la contraseña que usted le dio y luego configura la verificación en dos pasos.
staff-notice-assigned = Añadido al equipo de atención.
staff-notice-triage-saved = Guardia de triaje guardada.
staff-notice-disabled = Cuenta desactivada. Su sesión se cerró en todas partes a la vez, sus tokens de la API ya no funcionan y sus calendarios suscritos se han detenido.
staff-notice-enabled = Cuenta activada. La persona vuelve a iniciar sesión con su contraseña (y el código, en el caso del personal).
staff-notice-ended = Retirado del equipo de atención. El terapeuta ya no puede abrir la historia de este cliente.
staff-notice-lead-on = El terapeuta es ahora responsable de la consulta.
staff-notice-lead-off = El terapeuta ya no es responsable de la consulta.
staff-err-choose-account = Elija una cuenta.
staff-err-find-client = Busque al cliente y elíjalo.
staff-err-choose-clinician = Elija un terapeuta.
staff-err-clinician-list = Elija un terapeuta de la lista.
staff-err-crisis-line = Renglón { $a }: escriba país | qué es | enlace | texto del botón.
staff-err-schedule-days = Use un número de días de 0 (nunca) a 365.
staff-err-idle-minutes = Use de 5 a 720 minutos.
staff-err-shift-who = Elija quién está de guardia en este turno.
staff-err-shift-time = Indique una fecha y una hora, como 2026-12-07 08:00.
staff-err-escalation = Indique un número de minutos entre 5 y 240.
staff-notice-retention = El periodo de conservación está guardado.
staff-notice-carried-out = La solicitud se ha ejecutado: la cuenta está anonimizada y ya no puede iniciar sesión.
staff-notice-erasure-declined = La solicitud se ha rechazado; el cliente ve su motivo.
staff-err-legal-hold = Marque la casilla para confirmar que no hay ninguna retención legal sobre esta historia.
staff-erasure-requested = Solicitada, a la espera de la consulta
staff-withdrawn = Retirada
staff-declined = Rechazada
staff-erasure-carried-out = Ejecutada; historia clínica conservada
staff-erasure-records-deleted = Ejecutada; historia clínica eliminada
staff-unknown = Desconocido
staff-erasure-filter-waiting = En espera
staff-erasure-filter-kept = Ejecutadas, historia conservada
staff-erasure-filter-deleted = Historia eliminada
staff-all = Todas
staff-erasure-removed-sign-in = Su acceso: su dirección de correo electrónico y su nombre se sustituyen; su contraseña y todos los dispositivos y aplicaciones con sesión iniciada dejan de funcionar.
staff-erasure-removed-birth = Su fecha de nacimiento y su contacto de emergencia.
staff-erasure-removed-notices = Sus avisos, recordatorios y ajustes de notificaciones, y los registros de correo electrónico sobre ellos.
staff-erasure-removed-family = El acceso de sus familiares, sus invitaciones a ellos y el nombre de pila que mostró en un grupo.
staff-erasure-removed-requests = Sus solicitudes para conocer a terapeutas y para cambiar de terapeuta, y los borradores de tareas que nunca envió.
staff-erasure-removed-calendar = Su dirección privada de calendario y su calendario de cuestionarios.
staff-notice-group-created = El grupo está creado. Ofrezca plazas a clientes de su lista de casos.
staff-notice-place-offered = La plaza está ofrecida. El cliente decide si se une.
staff-notice-group-scheduled = Las sesiones están programadas con los miembros que se unieron.
staff-notice-attendance = Asistencia guardada.
staff-notice-group-note = La nota del grupo está guardada.
staff-err-choose-client = Elija un cliente de su lista de casos.
staff-err-group-overlap = Se solapa con otra de sus sesiones o la sala está ocupada; no se reservó nada. Elija otra hora o marque «reservar aunque se solape».
staff-err-choose-session = Elija una sesión.
staff-err-choose-member = Elija un miembro.
staff-approach-cbt = Terapia cognitivo-conductual
staff-approach-cbt-abbr = Terapia cognitivo-conductual (TCC)
staff-approach-ba = Activación conductual
staff-approach-cognitive = Terapia cognitiva
staff-approach-ipt = Terapia interpersonal
staff-approach-ipt-abbr = Terapia interpersonal (TIP)
staff-approach-psychodynamic = Terapia psicodinámica
staff-approach-family = Terapia familiar
staff-approach-group = Terapia de grupo
staff-member-offered = Ofrecida, pendiente de respuesta
staff-member-joined = Se unió
staff-member-left = Se fue
staff-cons-requested = Pendiente de respuesta
staff-cons-accepted = Aceptada
staff-cons-chosen = Elegida
staff-cons-not-chosen = No elegida
staff-notice-cons-asked = Tu solicitud está enviada. Cada terapeuta responderá aquí.
staff-notice-cons-accepted = Aceptada. El cliente ve la hora que usted fijó.
staff-notice-cons-declined = Rechazada. El cliente ve su motivo.
staff-notice-cons-feedback = Gracias. Tus respuestas están junto a las demás, abajo, para ayudarte a elegir.
staff-err-clinicians-list = Elige a los terapeutas de la lista.
staff-err-date-time = Elija una fecha y una hora.
staff-feedback-heard = Me sentí escuchado y respetado
staff-feedback-wanted = Trabajamos en lo que yo quería
staff-feedback-approach = El enfoque me encaja
staff-feedback-overall = En general, esta sesión fue adecuada para mí
staff-err-emergency-long = Escriba un motivo de menos de 500 caracteres.
staff-err-emergency-off = El acceso de emergencia está desactivado en esta consulta. Llame en su lugar al equipo de atención del cliente o al responsable de la consulta.
staff-err-emergency-search = Escriba la dirección de correo electrónico exacta del cliente o su nombre completo exacto.
staff-err-emergency-short = Diga por qué necesita esta historia ahora, en al menos 10 caracteres: el equipo de atención, el responsable de la consulta y el cliente lo leerán.
staff-err-report-order = Elija una fecha final igual o posterior a la inicial.
staff-err-report-long = Elija un periodo de diez años o menos.

## Una historia abierta en una emergencia
rec-title = { $name } (acceso de emergencia)
rec-banner = <strong>Acceso de emergencia hasta las { $until }.</strong> Está leyendo esta historia en una emergencia: solo lectura, queda registrado y se comunica al equipo de atención, al responsable de la consulta y al cliente.
rec-who-to-call = A quién llamar
rec-emergency-contact = Contacto de emergencia
rec-none-given = No indicado.
rec-timezone = Zona horaria
rec-care-team = Equipo de atención
rec-no-team = Nadie en el equipo de atención.
rec-since = desde el { $date }
rec-safety-plan = Plan de seguridad
rec-not-filled = Sin completar.
rec-no-safety-plan = No hay plan de seguridad.
rec-summary = Resumen
rec-latest = Últimos cuestionarios
rec-no-questionnaire = Todavía no hay cuestionarios.
rec-next-session = Próxima sesión
rec-none-booked = Ninguna reservada.
rec-plan = Plan de tratamiento
rec-not-written = Sin redactar.
rec-notes = Notas de evolución
rec-no-notes = Ninguna nota de evolución firmada.
rec-signed = Firmada el { $date }
rec-data = Datos:
rec-assessment = Valoración:
rec-plan-label = Planificación:
rec-intake = Entrevista inicial
rec-timeline = Cronología
rec-nothing-yet = Todavía nada.
staff-err-two-letters = Escriba al menos dos letras de un nombre o de una dirección de correo electrónico.

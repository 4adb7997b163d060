# El directorio de terapeutas (/therapists), la página pública de cada terapeuta y el perfil
# que escribe el propio profesional (/me/profile, de usted, como las demás páginas clínicas).

th-cred-md = MD (médico)
th-cred-do = DO (médico osteópata)
th-cred-phd = PhD (psicólogo clínico)
th-cred-psyd = PsyD (doctor en psicología)
th-cred-lcsw = LCSW (trabajador social clínico con licencia)
th-cred-lpc = LPC (consejero profesional con licencia)
th-cred-lmft = LMFT (terapeuta matrimonial y familiar con licencia)
th-cred-np = NP (enfermero especialista en psiquiatría)
th-cred-psychiatric_nurse = Enfermero psiquiátrico
th-cred-counsellor = Consejero
th-cred-short-psychiatric_nurse = Enfermero psiquiátrico
th-cred-short-counsellor = Consejero

# El nombre de un idioma (la etiqueta misma cuando no está en la lista).
th-language-name = { $code ->
    [en] inglés
    [es] español
    [fr] francés
    [de] alemán
    [pt] portugués
    [zh] chino
    [vi] vietnamita
    [ko] coreano
    [tl] tagalo
    [ar] árabe
    [ru] ruso
    [hi] hindi
    [ja] japonés
    [it] italiano
    [pl] polaco
    [ht] criollo haitiano
    [asl] lengua de señas americana
    [ase] lengua de señas americana
    [he] hebreo
    [fa] persa
    [uk] ucraniano
    [ta] tamil
    [te] telugu
    [gu] guyaratí
    [ur] urdu
    [yue] cantonés
    [sv] sueco
    [no] noruego
    [nb] noruego
    [ga] irlandés
    [yi] ídish
    [yo] yoruba
    [ha] hausa
    [tw] twi
   *[other] idioma { $tag }
  }

# Un terapeuta de la lista (las tarjetas del directorio y su página pública).
th-years = { $n ->
    [one] { $n } año de experiencia
   *[other] { $n } años de experiencia
  }
th-approaches = Enfoques
th-meets = Cómo atiende
th-in-person-at = En persona en
th-sessions = Sesiones
th-languages = Idiomas
th-licensed-in = Con licencia en
th-experience-with = Experiencia con
th-fee = Tarifa
th-insurance = Seguros
th-available = Suele tener disponible
th-fee-sliding = { $fee } por sesión, con tarifa según tus ingresos
th-fee-only = { $fee } por sesión
th-sliding-only = Tarifa según tus ingresos
th-checked-on = Licencia comprobada el { $date }.
th-ask = Pide una consulta
th-ask-with = con { $name }
th-back = Volver al directorio
th-in-their-words = En sus palabras
th-not-sure = ¿No lo tienes claro? <a href="/find">Responde unas preguntas para encontrar a quién te va mejor</a>, o lee sobre <a href="/learn/finding-a-therapist">cómo encontrar terapeuta</a>.

# El directorio.
th-title = Encuentra terapeuta
th-lead = La consulta ha comprobado la licencia de cada terapeuta de esta lista, y todos aceptan clientes nuevos. Puedes pedir una consulta breve a varios antes de elegir.
th-find-link = Responde unas preguntas para encontrar a quién te va mejor
th-filter = Filtrar la lista
th-filter-form = Terapeutas
th-any = Cualquiera
th-f-approach = Enfoque
th-f-specialty = Experiencia con
th-f-format = Quién participa
th-f-mode = Cómo se reúnen
th-f-language = Idioma
th-f-language-hint = Una etiqueta como es, en, vi o ase (lengua de señas americana).
th-f-jurisdiction = Dónde vives
th-f-jurisdiction-hint = Un código de lugar como US-CA o US-NY: cada terapeuta solo puede atenderte donde tiene licencia.
th-f-max-fee = Lo máximo que puedes pagar por sesión
th-f-insurance = Tu plan de seguro
th-show = Mostrar terapeutas
th-clear = Quitar los filtros
th-count = { $n ->
    [0] Ningún terapeuta coincide
    [one] 1 terapeuta
   *[other] { $n } terapeutas
  }
th-page = , página { $n }
th-wider = Prueba una búsqueda más amplia: quita un filtro.
th-without = Sin «{ $label }»
th-none-listed = Todavía no hay terapeutas en la lista.
th-also-find = También puedes <a href="/find">responder unas preguntas</a> y te sugeriremos quién te va mejor, y por qué.
th-elsewhere = Otros lugares donde buscar: la Línea Nacional de Ayuda de SAMHSA, 1-800-662-4357 (gratis, a cualquier hora, también en español), y <a href="https://findtreatment.gov">FindTreatment.gov</a>; NAMI y la <span lang="en">Depression and Bipolar Support Alliance</span> tienen listas de grupos de apoyo.
th-danger = Si estás en peligro o piensas en quitarte la vida, <a href="/crisis">busca ayuda de crisis ahora</a>.
th-pages = Páginas
th-prev = Página anterior
th-next = Página siguiente
th-fee-up-to = tarifa de hasta { $fee }

# El perfil del profesional.
th-my-title = Su perfil en el directorio
th-my-lead = Lo leen las personas que buscan terapeuta. Escríbalo para ellas, con sus propias palabras.
th-my-saved = Su perfil queda guardado.
th-my-check = Comprobación de la licencia
th-my-checked = Licencia comprobada el { $date } ({ $issuer }).
th-my-listed = Aparece en el directorio: <a href="/therapists/{ $id }">vea su perfil público</a>.
th-my-save-to-list = Guarde su perfil para aparecer en el directorio.
th-my-not-accepting = Ahora no aparece en el directorio: no acepta clientes nuevos.
th-my-unchecked = <strong>La consulta todavía no la ha comprobado</strong>: no aparecerá en el directorio hasta entonces. Un administrador anota su número de licencia y el día en que la comprobó.
th-my-credentials = Títulos y licencias
th-my-pronouns = Pronombres (opcional)
th-my-pronouns-hint = Por ejemplo: ella, él, elle.
th-my-gender = Género (opcional)
th-my-gender-hint = Algunas personas prefieren un terapeuta de un género concreto. Indíquelo solo si lo desea; nunca se usa para dejarle fuera.
th-my-gender-none = Prefiero no decirlo
th-my-years = Años de experiencia (opcional)
th-my-approaches = Enfoques que ofrece
th-my-formats = Quién participa
th-my-modes = Cómo se reúne con las personas
th-my-location = Dónde atiende en persona
th-my-location-hint = Una ciudad o una dirección. Hace falta si atiende en persona.
th-my-jurisdictions = Dónde puede ejercer
th-my-jurisdictions-hint = Códigos de lugar separados por comas, como US-CA, US-NY; un país como IE si su licencia es nacional. Los clientes en línea deben estar donde usted tiene licencia.
th-my-languages = Idiomas en los que ofrece terapia
th-my-languages-hint = Etiquetas de idioma separadas por comas, como es, en, vi, ase (lengua de señas americana).
th-my-specialties = Con qué tiene experiencia especial (opcional)
th-my-fee = Tarifa por sesión (opcional)
th-my-fee-hint = Un número entero, sin símbolo de moneda.
th-my-sliding = Ofrezco tarifa según los ingresos
th-my-insurance = Seguros que acepta (opcional)
th-my-insurance-hint = Un plan por línea.
th-my-accepting = Acepto clientes nuevos
th-my-availability = Disponibilidad habitual (opcional)
th-my-availability-hint = Por ejemplo: tardes entre semana, sábados por la mañana.
th-my-statement = Una breve presentación (opcional)
th-my-statement-hint = Unas frases con su propia voz: cómo trabaja, con quién trabaja bien.
th-my-save = Guardar el perfil

# Errores del perfil y de los filtros del directorio.
th-err-not-a-choice = «{ $word }» no es una de las opciones.
th-err-gender = Elija una de las opciones.
th-err-place = «{ $word }» no es un código de lugar: escriba códigos como US-CA o US-NY, o un país como IE.
th-err-language = «{ $word }» no es una etiqueta de idioma: escriba etiquetas como es, en, vi o ase (lengua de señas americana).
th-err-years-number = Escriba un número entero de años.
th-err-fee-number = Escriba la tarifa como un número entero, sin símbolo de moneda.
th-err-need-credential = Elija al menos un título o licencia.
th-err-need-approach = Elija al menos un enfoque.
th-err-need-format = Elija al menos una forma de trabajo (individual, en familia o en grupo).
th-err-need-mode = Elija al menos una forma de reunirse (en persona, en línea o por teléfono).
th-err-need-place = Indique al menos un lugar donde puede ejercer (como US-CA).
th-err-need-language = Indique al menos un idioma en el que ofrece terapia.
th-err-list-up-to = Indique { $a } como máximo.
th-err-location = Diga dónde atiende en persona (una ciudad o una dirección), o desmarque «En persona».
th-err-years = Escriba un número de años entre 0 y { $a }.
th-err-fee = Escriba la tarifa por sesión como un número entero de hasta { $a }.
th-err-whole-number = Escribe un número entero.
th-err-bcp47 = Usa una etiqueta de idioma como es, en o pt-BR.
th-err-iso = Usa un código de lugar como US-CA, o un país como IE.
th-err-page = Las páginas se numeran desde 1.
th-err-choose-from-list = Elige una opción de la lista.

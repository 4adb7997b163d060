# /find: por qué cada terapeuta de la lista puede ir contigo o no, ampliar la búsqueda, otros lugares para buscar ayuda.

fd-approach-counselling = Orientación centrada en la persona
fd-approach-couples = Terapia de pareja

# Una especialidad en medio de una frase.
fd-spec-treatment_resistant_depression = depresión que no ha mejorado con tratamientos anteriores
fd-spec-chronic_depression = depresión de larga duración
fd-spec-perinatal = depresión en el embarazo y después del parto
fd-spec-grief = duelo y pérdida
fd-spec-anxiety = ansiedad junto con depresión
fd-spec-trauma = experiencias traumáticas
fd-spec-older_adults = personas mayores
fd-spec-young_adults = adultos jóvenes
fd-spec-lgbtq = atención que respeta y afirma a personas LGBTQ+
fd-spec-chronic_illness = vivir con una enfermedad o dolor de larga duración
fd-spec-relationships = relaciones y conflictos familiares
fd-spec-work_stress = trabajo, agotamiento y pérdida del empleo
fd-spec-substance_use = consumo de alcohol o drogas
fd-spec-bipolar = trastorno bipolar
fd-spec-suicidal_thoughts = pensamientos suicidas

# El nombre de un idioma.
fd-language-name = { $code ->
    [en] inglés
    [es] español
    [fr] francés
    [de] alemán
    [pt] portugués
    [zh] chino
    [vi] vietnamita
    [ko] coreano
    [ar] árabe
    [ru] ruso
   *[other] el idioma { $tag }
  }

fd-grounds-courses = ya fuiste a terapia { $n ->
    [1] una vez
    [2] dos veces
    [3] tres veces
    [4] cuatro veces
    [5] cinco veces
   *[other] { $n } veces
  }
fd-grounds-no_progress = dijiste que la última terapia no trajo avances
fd-grounds-both = { $courses } y { $progress }

fd-r-help_with = Tiene experiencia especial con { $specialty }: es con lo que quieres ayuda
fd-r-treatment_resistant = Trabaja con depresión que no ha mejorado con tratamientos anteriores: { $grounds }
fd-r-long_lasting = Trabaja con depresión de larga duración: { $grounds }
fd-r-long_lasting-cbasp = Trabaja con depresión de larga duración (ofrece CBASP): { $grounds }
fd-r-approach = Ofrece { $approach }, el enfoque que pediste
fd-r-different_approach = Ofrece un enfoque distinto de los que ya probaste
fd-r-format = Ofrece { $format ->
    [family] terapia en familia
    [group] terapia en grupo
   *[individual] terapia individual
  }, como pediste
fd-r-family_or_group = Ofrece terapia en familia o en grupo, algo a lo que estás abierto
fd-r-gender = { $gender ->
    [woman] Es mujer
    [man] Es hombre
   *[non_binary] Es una persona no binaria
  }, como preferías
fd-r-insurance = Acepta tu seguro ({ $plan })
fd-r-prescriber = Puede recetar medicamentos ({ $credential }): con un PHQ-9 de { $phq9 } o más, a menudo se sugiere combinar terapia y medicación
fd-r-mode = Atiende { $mode ->
    [in_person] en persona
    [online] en línea
   *[phone] por teléfono
  }, como pediste
fd-r-language = Ofrece terapia en { $language }
fd-r-jurisdiction = Puede atender donde estás ({ $place })
fd-r-fee_within = Tarifa habitual de { $fee }, dentro de tu máximo de { $max }

fd-c-no_help_with = No indica experiencia especial con { $specialty }
fd-c-no_treatment_resistant = No indica experiencia con depresión que no ha mejorado con tratamientos anteriores
fd-c-no_approach = No ofrece { $approach }, el enfoque que pediste
fd-c-only_tried_approaches = Solo ofrece enfoques que ya probaste
fd-c-no_format = No ofrece { $format ->
    [family] terapia en familia
    [group] terapia en grupo
   *[individual] terapia individual
  }
fd-c-other_gender = No es del género de terapeuta que preferías
fd-c-gender_not_said = No ha dicho su género
fd-c-no_insurance = No indica que acepte tu seguro ({ $plan })
fd-c-fee_above = Tarifa habitual de { $fee }, más que tu máximo de { $max }; { $sliding ->
    [yes] ofrece tarifa escalonada
   *[no] acepta tu seguro
  }
fd-c-no_fee = No ha indicado su tarifa: pregúntale

# Lo que ofrece, antes del motivo de una fila ("Ofrece TCC: …").
fd-favour-approach = Ofrece { $approach }
fd-favour-specialty = Tiene experiencia especial con { $specialty }
fd-favour-credential = Puede recetar medicamentos ({ $credential })
fd-favour-mode = Ofrece sesiones { $mode ->
    [online] en línea
    [phone] por teléfono
   *[in_person] en persona
  }
fd-favour-sliding_scale = Ofrece tarifa escalonada
fd-favour-insurance = Acepta tu seguro
fd-favour-fee_within_budget = Tarifa habitual dentro de tu presupuesto
fd-favour-different_approach = Ofrece un enfoque que no has probado

fd-row-too_unstructured = una forma de trabajar estructurada, con un plan para cada sesión y cosas para probar entre sesiones; dijiste que la última terapia te pareció poco estructurada
fd-row-too_unstructured-concern = No indica un enfoque estructurado (como la TCC o la activación conductual), algo que dijiste que faltó
fd-row-did_not_address_my_past = que mira cómo tus experiencias y relaciones de antes influyen en cómo te sientes ahora; dijiste que la última terapia no trató tu pasado
fd-row-did_not_address_my_past-concern = No indica terapia psicodinámica ni CBASP, los enfoques que más miran tu pasado
fd-row-did_not_feel_heard = que pone en el centro que te sientas comprendido; dijiste que la última vez no te sentiste escuchado. Conocer a dos o tres terapeutas antes de elegir es la mejor forma de encontrar a alguien con quien te entiendas
fd-row-did_not_feel_heard-concern = Después de no sentirte escuchado, lo que más importa es cómo te llevas con esta persona: conócela antes de elegir
fd-row-too_expensive = dijiste que la última terapia era demasiado cara
fd-row-too_expensive-concern = No indica tarifa escalonada ni seguros, y dijiste que el costo era un problema
fd-row-could_not_attend = así no tienes que desplazarte; dijiste que no podías ir a las sesiones
fd-row-could_not_attend-concern = Solo atiende en persona, y dijiste que te costaba ir a las sesiones
fd-row-no_progress = dijiste que la última terapia no trajo avances: puede ayudar alguien con experiencia en depresión que no mejora, un enfoque distinto o sumar medicación a la terapia
fd-row-no_progress-concern = No indica experiencia con depresión que no mejora ni un enfoque nuevo para ti

fd-e-worked_with = Ya trabajaste con { $name }; dijiste que el problema no fue el terapeuta
fd-e-listed_taking_new = Está en el directorio y acepta clientes nuevos
fd-e-listed = Está en el directorio
fd-e-not_taking_new = Ahora no acepta clientes nuevos por el directorio: igual puedes pedir volver a verle

fd-w-mode = Mostrar también terapeutas que atienden { $mode ->
    [in_person] en línea o por teléfono
    [online] en persona o por teléfono
   *[phone] en persona o en línea
  }.
fd-w-budget = Mostrar también terapeutas con una tarifa habitual de más de { $max }: muchos están dispuestos a hablar de la tarifa, y algunos tienen lugares a un precio más bajo.
fd-w-language = Mostrar también terapeutas que no ofrecen terapia en { $language } (podrías preguntar por un intérprete).
fd-w-jurisdiction = Mostrar también terapeutas sin licencia para { $place }. Por las reglas de licencias, normalmente un terapeuta solo puede atenderte donde estás, incluso en línea: pregúntale antes de reservar.

fd-resource-samhsa = Línea Nacional de Ayuda de SAMHSA (gratis, confidencial, las 24 horas, te orienta hacia un tratamiento; atiende en español)
fd-resource-findtreatment = FindTreatment.gov (busca tratamiento cerca de ti)
fd-resource-nami = Línea de ayuda de NAMI (información y apoyo)
fd-resource-dbsa = Depression and Bipolar Support Alliance (grupos de apoyo entre pares)

# La página "Familia y amigos" del cliente (/family).
fm-title = Familia y amigos
fm-lead = Tú eliges quién ve qué, y puedes cambiarlo o detenerlo cuando quieras. Nadie a quien invites ve nunca tus puntajes, notas, tareas ni mensajes.
fm-saved = Guardado. El cambio vale desde ahora.
fm-ended = Su acceso terminó. Ya no puede ver nada tuyo.
fm-withdrawn = La invitación está retirada: su enlace ya no funciona.
fm-link-heading = Envía este enlace a { $name }
fm-link-text = Rapport no lo envía por ti. Envíalo tú, por mensaje de texto o por correo electrónico. Funciona una sola vez, durante 7 días. Es la única vez que se muestra: si lo pierdes, retira la invitación más abajo y vuelve a invitar a esa persona.
fm-link-label = Enlace de invitación
fm-copy = Copiar el enlace
fm-members = Quién puede ver qué
fm-nobody = Nadie por ahora. Invita a alguien más abajo.
fm-joined = Se unió: { $date }
fm-last-looked = miró por última vez: { $date }
fm-not-looked = todavía no ha mirado
fm-sees-nothing = ahora no ve nada
fm-can-see-legend = Lo que { $name } puede ver
fm-save = Guardar lo que { $name } puede ver
fm-end-confirm = ¿Terminar el acceso de { $name }? Ya no verá nada tuyo. Puedes volver a invitar a esta persona más adelante.
fm-end = Terminar el acceso de { $name }
fm-invitations = Invitaciones pendientes
fm-can-see = Puede ver: { $scopes }
fm-until = el enlace funciona hasta: { $date }
fm-withdraw = Retirar la invitación a { $name }
fm-invite = Invitar a alguien
fm-invite-lead = Recibe un enlace para crear su propia cuenta. Solo ve lo que marques aquí.
fm-they-can-see = Lo que puede ver
fm-make-link = Crear un enlace de invitación
fm-name = Su nombre
fm-email = Su correo electrónico
fm-email-hint = Tiene que registrarse con este correo.
fm-relationship = Quién es para ti
fm-relationship-hint = Por ejemplo: hermana, pareja, un amigo.
fm-explain-learning = Leer las páginas que tu terapeuta sugiere para familiares y amigos.
fm-explain-warning_signs = Ver tus señales de alerta temprana y lo que te ayuda cuando aparecen.
fm-explain-safety_plan = Leer tu plan de seguridad (sin poder cambiarlo nunca).
fm-explain-family_sessions = Ver las sesiones familiares a las que le invitan y unirse a ellas.
fm-explain-observations = Avisar a tu terapeuta cuando note una de tus señales de alerta (tú también lo ves).
fm-err-no-scope = Elige al menos una cosa que pueda ver.
fm-err-own-email = Este es tu propio correo electrónico. Usa el suyo.

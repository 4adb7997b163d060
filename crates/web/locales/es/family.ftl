# Las páginas de los familiares.

family-lead = Esto es lo que comparten con usted las personas que le invitaron. Gracias por estar a su lado.
family-nobody = Por ahora nadie comparte nada con usted. Cuando alguien le invite, abra su enlace para aceptar.
family-you-are-their = usted es su { $relationship }
family-shares-nothing = Por ahora { $name } no comparte nada con usted.
family-danger = Si alguien está en peligro ahora
family-crisis-link = Líneas de crisis y qué hacer
family-link-learning = Páginas para la familia
family-link-warning-signs = Señales de alerta y lo que ayuda
family-link-observations = Contarle al terapeuta lo que notó
family-link-sessions = Sesiones en familia

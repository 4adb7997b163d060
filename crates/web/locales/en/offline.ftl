## Offline: the notice of entries kept on this device, "Skip for today", the no-connection page.
## { $time } and { $message } are filled in by static/offline.js.

offline-waiting-checkin = Your check-in from { $time } is kept on this device, waiting to be sent. It is sent by itself when you are back online.
offline-waiting-homework = Your homework entry from { $time } is kept on this device, waiting to be sent. It is sent by itself when you are back online.
offline-sending = Sending what this device kept…
offline-arrived-checkin = Your check-in from { $time } has arrived. Thank you.
offline-arrived-homework = Your homework entry from { $time } has arrived.
offline-signed-out = You are not signed in, so what this device kept is still waiting. Sign in again to send it.
offline-refused-checkin = Your check-in from { $time } could not be sent: { $message } Please correct it on the check-in page and send it again.
offline-refused-homework = Your homework entry from { $time } could not be sent: { $message }
offline-self-harm = You said you have had thoughts of being better off dead or of hurting yourself. Your care team can see this only once it is sent. If you need help now, crisis help works without a connection.
offline-sign-out-confirm = Something you saved on this device has not been sent yet. Signing out deletes it. Sign out anyway?
offline-crisis-link = Crisis help
offline-sign-in-link = Sign in again
skip-today = Skip for today
skip-today-skipped = Skipped for today. It is here again tomorrow.
skip-today-anyway = Do it now anyway
offline-page-title = No connection
offline-page-lead = This page cannot be opened without a connection. These can:
offline-page-crisis = Crisis help
offline-page-checkin = Daily check-in
offline-page-safety-plan = My safety plan
offline-page-once-opened = (once you have opened it on this device while online)
offline-page-kept = A check-in you save without a connection is kept on this device and sent by itself when you are back online.
manifest-description = Your check-in, your safety plan and crisis help, also without a connection.

# Texts the pages' script (static/app.js) shows. Each variable is given to the script as
# `{name}`, where it puts the value; these are plain text.
js-copied = Copied
js-question = Question { $number }: { $text }
js-unanswered-one = One question is not answered
js-unanswered-many = { $count } questions are not answered
js-unanswered-advice-one = Answer it now, or send it as it is: your score is then worked out from the answers you gave.
js-unanswered-advice-many = Answer them now, or send it as it is: your score is then worked out from the answers you gave.
js-answer-it = Answer it
js-answer-them = Answer them
js-send-as-is = Send as it is
js-signed-out-kept = You were signed out; what you typed is kept on this device. Sign in again to save it.
js-signed-out-lost = You were signed out, so this is not saved. Sign in again to save it.
js-saved-at = Saved at { $time }.
js-not-saved = Not saved: { $message }
js-not-saved-yet = Not saved yet: use the Save button below.
js-not-saved-offline = Not saved: check your connection.
js-kept-restored = Restored what you typed on { $when }, kept on this device.
js-kept-saving = It is being saved now.
js-kept-send = Send it to save it.
js-kept-put-back = Put back what this device kept
js-kept-older = This device kept what you typed on { $when }, but a later version was saved since (below).
js-draft-restored = Restored your unsaved draft. It is not saved yet: save it, or discard it to go back to what was saved.
js-draft-restored-from = Restored your unsaved draft from { $when }. It is not saved yet: save it, or discard it to go back to what was saved.
js-draft-discard = Discard draft
js-today-at = today at { $time }
js-day-at = { $day } at { $time }
js-characters-left = { $left } of { $max } characters left

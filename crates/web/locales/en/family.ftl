# Family members' pages.

family-lead = Here is what the people who invited you share with you. Thank you for being there for them.
family-nobody = Nobody shares anything with you at the moment. When someone invites you, open their link to accept.
family-you-are-their = you are their { $relationship }
family-shares-nothing = { $name } shares nothing with you at the moment.
family-danger = If someone is in danger now
family-crisis-link = Crisis lines and what to do
family-link-learning = Pages for family
family-link-warning-signs = Warning signs and what helps
family-link-observations = Tell the clinician what you noticed
family-link-sessions = Family sessions

## Family pages: joining, learning, warning signs, safety plan, sessions (helper A)
fj-title = Join Rapport
fj-invited = { $name } invited you
fj-lead = { $name } would like you to support them. With an account you will be able to:
fj-never = You will never see their scores, notes, homework or messages. { $name } can change what you see, or stop it, at any time. This link works once, until { $expires } (UTC).
fj-accept = Accept { $name }'s invitation
fj-other-account = You are signed in with an account that cannot join as family or a friend. Sign out, then open this link again to make a separate account with the address the invitation was sent to.
fj-kept = We kept what you typed, except the password: type your password again.
fj-create = Create my account
fj-already = Already have a Rapport account as someone's family member or friend? <a href="/login?next=/join/{ $token }">Sign in</a>, then accept.
fj-broken = This invitation link does not work
fj-ask-again = Ask the person who invited you to make a new link on their "Family and friends" page and send it to you again.
fj-name = Your name
fj-email = Your e-mail address
fj-email-hint = The address the invitation was sent to.
fj-password = Password
fj-password-hint = At least 10 characters. A few words together are easy to remember and hard to guess.
scope-learning = Pages to read
scope-warning_signs = Warning signs
scope-safety_plan = Safety plan
scope-family_sessions = Family sessions
scope-observations = Tell the clinician what they notice
scope-invitee-learning = Read the pages their clinician suggests for family and friends.
scope-invitee-warning_signs = See their own early warning signs and what helps when they appear.
scope-invitee-safety_plan = Read their safety plan (you cannot change it).
scope-invitee-family_sessions = See and join the family sessions you are invited to.
scope-invitee-observations = Tell their clinician when you notice one of their warning signs (they see it too).
fl-title = Pages for family
fl-heading = Pages for { $name }'s family and friends
fl-back = Back to your home
fl-nothing = Nothing here yet.
fl-recommended = recommended by the clinician
fsp-title = Safety plan
fsp-heading = { $name }'s safety plan
fsp-danger = If { $name } is in danger now
fsp-version = Version { $version }, { $updated }. Only { $name } and their care team can change it.
fsp-not-filled = Not filled in yet.
fsp-none = { $name } has no safety plan yet.
fs-title = Family sessions
fs-heading = Your family sessions
fs-lead = Sessions you are invited to with someone you support. To have them in your own calendar app, make a private calendar address on <a href="/account">your account page</a>.
fs-none = No family sessions coming up.
fs-cancelled = cancelled
fs-with = With { $who } and { $clinician }
fw-title = Warning signs
fw-heading = { $name }'s early warning signs
fw-signs = Signs that things may be getting harder
fw-no-signs = { $name } has not written down their warning signs yet.
fw-tell = Tell the clinician what you noticed
fw-helps = What helps
fw-not-written = Not written yet.
fw-contact = Who to contact
fw-danger = If you think { $name } is in danger now, <a href="/crisis">use the crisis lines</a>.
ob-title = What you noticed
ob-heading = What have you noticed about { $name }?
ob-thanks-seen = <strong>Thank you — { $name }’s clinician will see this.</strong>
ob-thanks = <strong>Thank you. It is saved.</strong>
ob-can-see = { $name } can see what you send, too. If you are worried about their safety right now, <a href="/crisis">see who to call</a>.
ob-lead = Tick the early warning signs { $name } listed that you noticed today, or write a line. { $name } can see what you send.
ob-signs = { $name }’s warning signs
ob-no-signs = { $name } has not listed any warning signs yet. You can still write what you noticed.
ob-note = A short note (optional)
ob-note-hint = What you noticed, in a line or two. Up to { $n } characters.
ob-send = Send
ob-back = Back to your home

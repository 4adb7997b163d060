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

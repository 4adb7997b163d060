# /find: why each shortlisted therapist may fit or not, widening, other places to find help.
# English must read exactly as rapport_core::matching writes it (the API's text); a test checks.

fd-approach-counselling = Person-centred counselling
fd-approach-couples = Couples therapy

# A specialty in the middle of a sentence.
fd-spec-treatment_resistant_depression = depression that has not lifted with earlier treatment
fd-spec-chronic_depression = long-lasting depression
fd-spec-perinatal = depression in pregnancy and after birth
fd-spec-grief = grief and loss
fd-spec-anxiety = anxiety alongside depression
fd-spec-trauma = trauma
fd-spec-older_adults = later life
fd-spec-young_adults = young adults
fd-spec-lgbtq = LGBTQ+ affirming care
fd-spec-chronic_illness = living with a long-term illness or pain
fd-spec-relationships = relationships and family conflict
fd-spec-work_stress = work, burnout and job loss
fd-spec-substance_use = alcohol or drug use
fd-spec-bipolar = bipolar disorder
fd-spec-suicidal_thoughts = thoughts of suicide

# A language's name, when it is not English (the page gives English names itself).
fd-language-name = { $code ->
    [en] English
    [es] Spanish
    [fr] French
    [de] German
    [pt] Portuguese
    [zh] Chinese
    [vi] Vietnamese
    [ko] Korean
    [ar] Arabic
    [ru] Russian
   *[other] { $tag }
  }

fd-grounds-courses = you have had { $n ->
    [1] one course
    [2] two courses
    [3] three courses
    [4] four courses
    [5] five courses
   *[other] { $n } courses
  } of therapy before
fd-grounds-no_progress = you said the last therapy brought no progress
fd-grounds-both = { $courses } and { $progress }

fd-r-help_with = Has particular experience with { $specialty } — what you want help with
fd-r-treatment_resistant = Works with depression that has not lifted with earlier treatment — { $grounds }
fd-r-long_lasting = Works with long-lasting depression — { $grounds }
fd-r-long_lasting-cbasp = Works with long-lasting depression (offers CBASP) — { $grounds }
fd-r-approach = Offers { $approach }, the approach you asked for
fd-r-different_approach = Offers an approach different from what you tried before
fd-r-format = Offers { $format ->
    [family] family
    [group] group
   *[individual] individual
  } work, as you asked
fd-r-family_or_group = Offers family or group work, which you are open to
fd-r-gender = { $gender ->
    [woman] Woman
    [man] Man
   *[non_binary] Non-binary
  } therapist, as you preferred
fd-r-insurance = Accepts your insurance ({ $plan })
fd-r-prescriber = Can prescribe ({ $credential }): with a PHQ-9 of { $phq9 } or more, therapy and medication together are often suggested
fd-r-mode = Meets { $mode ->
    [in_person] in person
    [online] online
   *[phone] by phone
  }, as you asked
fd-r-language = Offers therapy in { $language }
fd-r-jurisdiction = May practise where you are ({ $place })
fd-r-fee_within = Usual fee { $fee }, within your { $max }

fd-c-no_help_with = Does not list particular experience with { $specialty }
fd-c-no_treatment_resistant = Does not list experience with depression that has not lifted with earlier treatment
fd-c-no_approach = Does not offer { $approach }, the approach you asked for
fd-c-only_tried_approaches = Lists only approaches you have tried before
fd-c-no_format = Does not offer { $format ->
    [family] family
    [group] group
   *[individual] individual
  } work
fd-c-other_gender = Not the therapist gender you preferred
fd-c-gender_not_said = Has not said their gender
fd-c-no_insurance = Does not list your insurance ({ $plan })
fd-c-fee_above = Usual fee { $fee }, above your { $max }; { $sliding ->
    [yes] offers a sliding scale
   *[no] accepts your insurance
  }
fd-c-no_fee = Has not stated a fee: ask about it

# What a clinician offers, before a row's reason ("Offers CBT: …").
fd-favour-approach = Offers { $approach }
fd-favour-specialty = Has particular experience with { $specialty }
fd-favour-credential = Can prescribe ({ $credential })
fd-favour-mode = Offers sessions { $mode ->
    [online] online
    [phone] by phone
   *[in_person] in person
  }
fd-favour-sliding_scale = Offers a sliding scale
fd-favour-insurance = Accepts your insurance
fd-favour-fee_within_budget = Usual fee within your budget
fd-favour-different_approach = Offers an approach you have not tried before

# The what-was-missing table: the reason after what the clinician offers, and the concern.
fd-row-too_unstructured = a structured way of working, with an agenda for each session and things to try between sessions — you said the last therapy felt too unstructured
fd-row-too_unstructured-concern = Does not list a structured approach (such as CBT or behavioural activation), which you said was missing
fd-row-did_not_address_my_past = which looks at how earlier experiences and relationships shape how you feel now — you said the last therapy did not address your past
fd-row-did_not_address_my_past-concern = Does not list psychodynamic therapy or CBASP, the approaches that look most at your past
fd-row-did_not_feel_heard = which puts feeling understood at the centre — you said you did not feel heard last time; meeting two or three therapists before you choose is the best way to find one you click with
fd-row-did_not_feel_heard-concern = How well you get on matters most after a time you did not feel heard: meet them before you choose
fd-row-too_expensive = you said the last therapy was too expensive
fd-row-too_expensive-concern = No sliding scale or insurance listed, and you said cost was a problem
fd-row-could_not_attend = so you do not have to travel — you said you could not get to the sessions
fd-row-could_not_attend-concern = Sees people only in person, and you said getting to sessions was hard
fd-row-no_progress = you said the last therapy brought no progress: experience with depression that has not lifted, a different approach, or adding medication to therapy can help
fd-row-no_progress-concern = Lists no experience with depression that has not lifted and no new approach for you

# Someone the client saw before.
fd-e-worked_with = You worked with { $name } before; you said the therapist was not the problem
fd-e-listed_taking_new = Listed in the directory and taking new clients
fd-e-listed = Listed in the directory
fd-e-not_taking_new = Not taking new clients through the directory just now: you can still ask to go back to them

# Widening: one constraint dropped.
fd-w-mode = Also show therapists who meet { $mode ->
    [in_person] online or by phone
    [online] in person or by phone
   *[phone] in person or online
  }.
fd-w-budget = Also show therapists whose usual fee is above { $max } — many will talk about fees, and some have places at a lower rate.
fd-w-language = Also show therapists who do not offer therapy in { $language } (you could ask about an interpreter).
fd-w-jurisdiction = Also show therapists who are not licensed for { $place }. Licence rules usually mean a therapist may only see you where you are, even online: ask them before you book.

# Other places to find help (United States).
fd-resource-samhsa = SAMHSA National Helpline (free, confidential, 24/7, treatment referral)
fd-resource-findtreatment = FindTreatment.gov (search for treatment near you)
fd-resource-nami = NAMI HelpLine (information and support)
fd-resource-dbsa = Depression and Bipolar Support Alliance (peer support groups)

# The client's "Family and friends" page (/family).
fm-title = Family and friends
fm-lead = You choose who sees what, and you can change it or stop it at any time. Nobody you invite ever sees your scores, notes, homework or messages.
fm-saved = Saved. The change holds from now on.
fm-ended = Their access has ended. They can no longer see anything of yours.
fm-withdrawn = The invitation is withdrawn: its link no longer works.
fm-link-heading = Send this link to { $name }
fm-link-text = Rapport does not send it for you. Send it yourself, by text message or e-mail. It works once, for 7 days. This is the only time it is shown: if you lose it, withdraw the invitation below and invite them again.
fm-link-label = Invitation link
fm-copy = Copy the link
fm-members = Who can see what
fm-nobody = Nobody yet. Invite someone below.
fm-joined = Joined { $date }
fm-last-looked = last looked { $date }
fm-not-looked = has not looked yet
fm-sees-nothing = sees nothing now
fm-can-see-legend = What { $name } can see
fm-save = Save what { $name } can see
fm-end-confirm = End { $name }'s access? They will no longer see anything of yours. You can invite them again later.
fm-end = End { $name }'s access
fm-invitations = Invitations waiting
fm-can-see = Can see: { $scopes }
fm-until = link works until { $date }
fm-withdraw = Withdraw the invitation to { $name }
fm-invite = Invite someone
fm-invite-lead = They get a link to make their own account. They see only what you tick here.
fm-they-can-see = What they can see
fm-make-link = Make an invitation link
fm-name = Their name
fm-email = Their e-mail address
fm-email-hint = They must sign up with this address.
fm-relationship = Who they are to you
fm-relationship-hint = For example: sister, partner, a friend.
fm-explain-learning = Read the pages your clinician suggests for family and friends.
fm-explain-warning_signs = See your own early warning signs and what helps when they appear.
fm-explain-safety_plan = Read your safety plan (never change it).
fm-explain-family_sessions = See and join the family sessions they are invited to.
fm-explain-observations = Tell your clinician when they notice one of your warning signs (you see it too).
fm-err-no-scope = Choose at least one thing they can see.
fm-err-own-email = This is your own e-mail address. Use theirs.

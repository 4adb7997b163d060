# Questionnaires: the form and the client's result. The items themselves are in
# rapport-core (their official translations), not here.

measure-minutes =
    { $n ->
        [one] About { $n } minute. There are no right or wrong answers.
       *[other] About { $n } minutes. There are no right or wrong answers.
    }
measure-unanswered =
    { $n ->
        [one] One question is not answered
       *[other] { $n } questions are not answered
    }
measure-question-number = Question { $n }
measure-answer-or-send =
    { $n ->
        [one] Answer it now, or send it as it is: your score is then worked out from the answers you gave.
       *[other] Answer them now, or send it as it is: your score is then worked out from the answers you gave.
    }
measure-answer-them =
    { $n ->
        [one] Answer it
       *[other] Answer them
    }
measure-send-as-is = Send as it is
measure-see-result = See my result

result-page-title = Your result
result-heading = Your { $title } result
result-out-of = out of { $max }
result-prorated = You left one or two questions out, so your score counts them as the average of your other answers.
result-follow-up = Answer the PHQ-9 too (about 3 minutes)
result-not-diagnosis = This is a questionnaire, not a diagnosis. Your clinician looks at it with you.
result-meaning-minimal = Few or no signs of depression or anxiety in the last two weeks.
result-meaning-mild = Some symptoms, mild. Keep going with what helps, and tell your clinician what you notice.
result-meaning-moderate = Symptoms that make everyday life harder. This is exactly what your sessions are for.
result-meaning-moderately-severe = Symptoms that weigh heavily on you. Please talk about this result at your next session, or sooner with your clinician.
result-meaning-severe = Symptoms that weigh very heavily on you. Please contact your clinician soon, and use the crisis help if things feel unbearable.
result-meaning-who5-poor = Your well-being has been low lately. Answering the PHQ-9 as well helps your clinician see more.
result-meaning-who5 = Your well-being over the last two weeks.
result-meaning-phq2 = A short check of mood and interest.
result-meaning-other = Your answers over the last two weeks.
result-fibser-no-change = Side effects are not getting much in the way. Keep taking your medicine as prescribed, and mention any change at your next appointment.
result-fibser-address = Side effects are getting in the way. Your prescriber will look at this with you: often a change of dose or timing helps. Please do not stop your medicine on your own.
result-fibser-reduce-or-switch = Side effects are getting in the way a lot. Your prescriber will look at this with you soon: a lower dose or another medicine may help. Please do not stop your medicine on your own.
result-first = This is your first result this time round; the next ones will show how things change.
result-change-better =
    { $points ->
        [one] When you started it was { $baseline }. That is { $points } point lower: a real improvement.
       *[other] When you started it was { $baseline }. That is { $points } points lower: a real improvement.
    }
result-change-worse =
    { $points ->
        [one] When you started it was { $baseline }. That is { $points } point higher. Your clinician will look at this with you.
       *[other] When you started it was { $baseline }. That is { $points } points higher. Your clinician will look at this with you.
    }
result-change-little-lower = When you started it was { $baseline }: a little lower now. Changes often take a few weeks to show.
result-change-little-higher = When you started it was { $baseline }: a little higher now. Ups and downs are normal.
result-change-same = The same as when you started ({ $baseline }).
band-minimal = Minimal
band-mild = Mild
band-moderate = Moderate
band-moderately_severe = Moderately severe
band-severe = Severe

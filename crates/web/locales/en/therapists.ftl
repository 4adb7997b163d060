# The therapist directory (/therapists), a therapist's public page, and the clinician's own
# profile form (/me/profile).

th-cred-md = MD (doctor of medicine)
th-cred-do = DO (doctor of osteopathic medicine)
th-cred-phd = PhD (clinical psychologist)
th-cred-psyd = PsyD (doctor of psychology)
th-cred-lcsw = LCSW (licensed clinical social worker)
th-cred-lpc = LPC (licensed professional counselor)
th-cred-lmft = LMFT (licensed marriage and family therapist)
th-cred-np = NP (psychiatric nurse practitioner)
th-cred-psychiatric_nurse = Psychiatric nurse
th-cred-counsellor = Counsellor
th-cred-short-psychiatric_nurse = Psychiatric nurse
th-cred-short-counsellor = Counsellor

# A language's name (the tag itself when it is not listed).
th-language-name = { $code ->
    [en] English
    [es] Spanish
    [fr] French
    [de] German
    [pt] Portuguese
    [zh] Chinese
    [vi] Vietnamese
    [ko] Korean
    [tl] Tagalog
    [ar] Arabic
    [ru] Russian
    [hi] Hindi
    [ja] Japanese
    [it] Italian
    [pl] Polish
    [ht] Haitian Creole
    [asl] American Sign Language
    [ase] American Sign Language
    [he] Hebrew
    [fa] Persian
    [uk] Ukrainian
    [ta] Tamil
    [te] Telugu
    [gu] Gujarati
    [ur] Urdu
    [yue] Cantonese
    [sv] Swedish
    [no] Norwegian
    [nb] Norwegian
    [ga] Irish
    [yi] Yiddish
    [yo] Yoruba
    [ha] Hausa
    [tw] Twi
   *[other] { $tag }
  }

# A listed clinician (the directory's cards and their public page).
th-years = { $n ->
    [one] { $n } year in practice
   *[other] { $n } years in practice
  }
th-approaches = Approaches
th-meets = Meets
th-in-person-at = In person at
th-sessions = Sessions
th-languages = Languages
th-licensed-in = Licensed in
th-experience-with = Experience with
th-fee = Fee
th-insurance = Insurance
th-available = Usually available
th-fee-sliding = { $fee } a session, sliding scale
th-fee-only = { $fee } a session
th-sliding-only = Sliding scale
th-checked-on = Licence checked on { $date }.
th-ask = Ask for a consultation
th-ask-with = with { $name }
th-back = Back to the directory
th-in-their-words = In their words
th-not-sure = Not sure? <a href="/find">Answer a few questions to find who fits you</a>, or read about <a href="/learn/finding-a-therapist">finding a therapist</a>.

# The directory.
th-title = Find a therapist
th-lead = Every therapist here has had their licence checked by the practice and is taking new clients. You can ask a few for a short consultation before you choose.
th-find-link = Answer a few questions to find who fits you
th-filter = Filter the list
th-filter-form = Therapists
th-any = Any
th-f-approach = Approach
th-f-specialty = Experience with
th-f-format = Who is in the room
th-f-mode = How you meet
th-f-language = Language
th-f-language-hint = A tag such as en, es, vi or ase (American Sign Language).
th-f-jurisdiction = Where you live
th-f-jurisdiction-hint = A place code such as US-CA or US-NY: therapists may see you only where they are licensed.
th-f-max-fee = Most you can pay for a session
th-f-insurance = Your insurance plan
th-show = Show therapists
th-clear = Clear the filters
th-count = { $n ->
    [0] No therapists match
    [one] 1 therapist
   *[other] { $n } therapists
  }
th-page = , page { $n }
th-wider = Try a wider search: remove one filter.
th-without = Without “{ $label }”
th-none-listed = No therapist is listed yet.
th-also-find = You can also <a href="/find">answer a few questions</a> and we will suggest who fits, and say why.
th-elsewhere = Other places to look: the SAMHSA National Helpline, 1-800-662-4357 (free, any hour), and <a href="https://findtreatment.gov">FindTreatment.gov</a>; NAMI and the Depression and Bipolar Support Alliance list support groups.
th-danger = If you are in danger or thinking about ending your life, <a href="/crisis">get crisis help now</a>.
th-pages = Pages
th-prev = Previous page
th-next = Next page
th-fee-up-to = fee up to { $fee }

# The clinician's own profile.
th-my-title = Your profile in the directory
th-my-lead = People looking for a therapist read this. Write it for them, in your own words.
th-my-saved = Your profile is saved.
th-my-check = Licence check
th-my-checked = Licence checked on { $date } ({ $issuer }).
th-my-listed = You are listed: <a href="/therapists/{ $id }">see your public profile</a>.
th-my-save-to-list = Save your profile to be listed.
th-my-not-accepting = You are not listed now: you are not accepting new clients.
th-my-unchecked = <strong>Not yet checked by the practice</strong> — you are not listed until then. An administrator records your licence number and the date they checked it.
th-my-credentials = Credentials
th-my-pronouns = Pronouns (optional)
th-my-pronouns-hint = Such as she/her, he/him, they/them.
th-my-gender = Gender (optional)
th-my-gender-hint = Some people prefer a therapist of a particular gender. Say it only if you wish; it is never used to leave you out.
th-my-gender-none = Prefer not to say
th-my-years = Years in practice (optional)
th-my-approaches = Approaches you offer
th-my-formats = Who is in the room
th-my-modes = How you meet people
th-my-location = Where you see people in person
th-my-location-hint = A town or an address. Needed when you meet in person.
th-my-jurisdictions = Where you may practise
th-my-jurisdictions-hint = Place codes separated by commas, such as US-CA, US-NY; a country such as IE for a national licence. Online clients must be where you are licensed.
th-my-languages = Languages you offer therapy in
th-my-languages-hint = Language tags separated by commas, such as en, es, vi, ase (American Sign Language).
th-my-specialties = What you have particular experience with (optional)
th-my-fee = Fee for one session (optional)
th-my-fee-hint = A whole number, without a currency sign.
th-my-sliding = I offer a sliding scale
th-my-insurance = Insurance you accept (optional)
th-my-insurance-hint = One plan a line.
th-my-accepting = I am accepting new clients
th-my-availability = Typical availability (optional)
th-my-availability-hint = Such as weekday evenings, Saturday mornings.
th-my-statement = A short statement (optional)
th-my-statement-hint = A few sentences in your own voice: how you work, who you work well with.
th-my-save = Save profile

# Errors on the profile form and the directory's filters.
th-err-not-a-choice = `{ $word }` is not one of the choices.
th-err-gender = Choose one of the options.
th-err-place = `{ $word }` is not a place code: write codes such as US-CA or US-NY, or a country such as IE.
th-err-language = `{ $word }` is not a language tag: write tags such as en, es, vi or ase (ASL).
th-err-years-number = Write a whole number of years.
th-err-fee-number = Write the fee as a whole number, without a currency sign.
th-err-need-credential = Choose at least one credential.
th-err-need-approach = Choose at least one approach.
th-err-need-format = Choose at least one format (individual, family or group).
th-err-need-mode = Choose at least one way of meeting (in person, online or phone).
th-err-need-place = Choose at least one place where you may practise (such as US-CA).
th-err-need-language = Choose at least one language you offer therapy in.
th-err-list-up-to = List up to { $a }.
th-err-location = Say where you see people in person (a town or an address), or untick in person.
th-err-years = Write a number of years from 0 to { $a }.
th-err-fee = Write the fee for one session as a whole number up to { $a }.
th-err-whole-number = Write a whole number.
th-err-bcp47 = Use a BCP 47 tag such as en, es or pt-BR.
th-err-iso = Use an ISO 3166-2 code such as US-CA, or a country such as IE.
th-err-page = Pages are numbered from 1.
th-err-choose-from-list = Choose one from the list.

//! The demo's directory: sixty-odd clinicians written for this project (made up, every one),
//! varied in credentials, approaches, formats, ways of meeting, places (several US states and
//! a few countries), languages (Spanish, Vietnamese, ASL, …), specialties (treatment-resistant
//! depression, perinatal, …), fees with and without a sliding scale, and insurance; some not
//! yet checked by the practice and some not taking new clients, so the directory shows only
//! some of them. The practice's own three clinicians get profiles too, and are listed.
//!
//! Each clinician is two lines of [`DIRECTORY`]: the facts separated by `|` (name, pronouns,
//! gender, credentials, years, approaches, formats, modes, location, jurisdictions, languages,
//! specialties, fee, sliding scale y/n, insurance separated by `;`, accepting y/n, checked
//! y/n, availability), then their statement in their own voice.

use chrono::{DateTime, Duration, Utc};
use rapport_app::{Error, Result};
use rapport_core::accounts::Role;
use rapport_core::therapists::{
    Credential, Format, Gender, InsuranceList, Jurisdiction, Language, Mode, Profile, Specialty,
    TherapyApproach,
};
use rapport_store::bulk::{ClinicianProfileRow, UserRow};
use rapport_store::therapists::{ProfileRow, Verification};
use uuid::Uuid;

/// A clinician of the directory as the loader writes them.
pub(super) struct Listing {
    pub user: UserRow,
    pub clinician: ClinicianProfileRow,
    pub profile: ProfileRow,
    pub check: Option<Verification>,
}

fn bad(line: &str, what: &str) -> Error {
    Error::Internal(format!("demo directory: {what} in `{line}`"))
}

fn words<T>(line: &str, text: &str, parse: fn(&str) -> Option<T>) -> Result<Vec<T>> {
    text.split(',')
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(|w| parse(w).ok_or_else(|| bad(line, w)))
        .collect()
}

fn opt(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// One clinician's facts line and statement as a profile (checked as a save would check it),
/// and whether the practice has checked their licence.
fn parse(facts: &str, statement: &str) -> Result<(String, Profile, bool)> {
    let f: Vec<&str> = facts.split('|').map(str::trim).collect();
    let [
        name,
        pronouns,
        gender,
        credentials,
        years,
        approaches,
        formats,
        modes,
        location,
        jurisdictions,
        languages,
        specialties,
        fee,
        sliding,
        insurance,
        accepting,
        checked,
        availability,
    ] = f[..]
    else {
        return Err(bad(facts, "not 18 fields"));
    };
    let profile = Profile {
        pronouns: opt(pronouns),
        gender: match gender {
            "" => None,
            g => Some(Gender::parse(g).ok_or_else(|| bad(facts, g))?),
        },
        credentials: words(facts, credentials, Credential::parse)?,
        years_in_practice: years.parse().ok(),
        approaches: words(facts, approaches, TherapyApproach::parse)?,
        formats: words(facts, formats, Format::parse)?,
        modes: words(facts, modes, Mode::parse)?,
        location: opt(location),
        jurisdictions: words(facts, jurisdictions, Jurisdiction::parse)?,
        languages: words(facts, languages, Language::parse)?,
        specialties: words(facts, specialties, Specialty::parse)?,
        fee: fee.parse().ok(),
        sliding_scale: Some(sliding == "y"),
        insurance: InsuranceList(
            insurance
                .split(';')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect(),
        ),
        accepting_new_clients: accepting == "y",
        availability: opt(availability),
        statement: opt(statement),
    }
    .checked()
    .map_err(|e| bad(facts, &e.to_string()))?;
    Ok((name.to_string(), profile, checked == "y"))
}

/// The care-team card's row for a directory clinician: their first credential, `bio`, and
/// whether they take new clients, as their profile says.
pub(crate) fn care_team_card(
    id: Uuid,
    profile: &Profile,
    bio: Option<String>,
) -> ClinicianProfileRow {
    ClinicianProfileRow {
        user_id: id,
        credential: profile
            .credentials
            .first()
            .copied()
            .unwrap_or(Credential::Lpc)
            .as_str(),
        license_number: None,
        license_region: None,
        bio,
        accepting_clients: profile.accepting_new_clients,
    }
}

fn email_of(name: &str) -> String {
    let mut local = String::new();
    for c in name.to_lowercase().chars() {
        match c {
            'a'..='z' | '0'..='9' => local.push(c),
            'á' | 'à' => local.push('a'),
            'é' => local.push('e'),
            'í' => local.push('i'),
            'ó' => local.push('o'),
            ' ' if !local.ends_with('.') && !local.is_empty() => local.push('.'),
            _ => {}
        }
    }
    format!(
        "{}@directory.demo.rapport.test",
        local.trim_end_matches('.')
    )
}

/// The directory's clinicians: accounts (the demo password, no second factor yet), profiles
/// and, for most, a licence check by `admin` some weeks before `now`.
pub(super) fn listings(
    new_id: &mut dyn FnMut() -> Uuid,
    hash: &str,
    timezone: &'static str,
    since: DateTime<Utc>,
    admin: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<Listing>> {
    let lines: Vec<&str> = DIRECTORY.lines().collect();
    let mut out = Vec::with_capacity(lines.len() / 2);
    for (i, pair) in lines.chunks(2).enumerate() {
        let [facts, statement] = pair else {
            return Err(bad(pair.first().copied().unwrap_or(""), "no statement"));
        };
        let (name, profile, checked) = parse(facts, statement)?;
        let id = new_id();
        let days = i64::try_from(i).unwrap_or(0);
        let saved = since + Duration::days(20 + days * 3);
        let checked_at = saved + Duration::days(2 + days % 9);
        out.push(Listing {
            user: UserRow {
                id,
                email: email_of(&name),
                name: name.clone(),
                role: Role::Clinician.as_str(),
                password_hash: hash.to_string(),
                totp_secret: None,
                totp_enrolled_at: None,
                timezone,
                created_at: since,
            },
            clinician: care_team_card(id, &profile, profile.statement.clone()),
            check: checked.then(|| Verification {
                id: new_id(),
                clinician_id: id,
                licence_number: format!("DEMO-L{:05}", 20_000 + i * 377),
                issuer: profile
                    .jurisdictions
                    .first()
                    .map(|j| j.as_str().to_string())
                    .unwrap_or_default(),
                checked_on: checked_at.min(now).date_naive(),
                checked_by: admin,
                recorded_at: checked_at.min(now),
            }),
            profile: ProfileRow {
                clinician_id: id,
                profile,
                updated_at: saved.min(now),
            },
        });
    }
    Ok(out)
}

/// The profiles of the practice's own three clinicians (in the practice's order), in the
/// directory's words.
pub(super) fn practice_profiles() -> Result<Vec<Profile>> {
    PRACTICE
        .lines()
        .collect::<Vec<_>>()
        .chunks(2)
        .map(|pair| match pair {
            [facts, statement] => parse(facts, statement).map(|(_, p, _)| p),
            _ => Err(bad("", "practice profile without a statement")),
        })
        .collect()
}

const PRACTICE: &str = "\
Dr. Maya Okafor|she/her|woman|phd|15|cbt,behavioural_activation,group|individual,group|in_person,online|Chicago, IL|US-IL|en|treatment_resistant_depression,anxiety|150|y|Blue Cross Blue Shield of Illinois;Aetna|y|y|Weekdays, and Tuesday evening group
I use cognitive behavioural therapy and behavioural activation, one to one and in a weekly group. We agree goals early and check each week whether they are moving.
Daniel Reyes, LCSW|he/him|man|lcsw|11|interpersonal,family|individual,family|in_person,online,phone|Chicago, IL|US-IL,US-IN|en,es|relationships,grief|95|y|Medicaid;Blue Cross Blue Shield of Illinois|y|y|Weekdays and Thursday evening
Trabajo en inglés y en español. Interpersonal therapy looks at what is happening in your relationships now, and family sessions bring in the people you live with.
Dr. Priya Natarajan|she/her|woman|md|19|psychodynamic,cognitive,interpersonal|individual|in_person,online|Chicago, IL|US-IL|en,ta|treatment_resistant_depression,bipolar|260|n|Aetna;Cigna;Medicare|y|y|Monday to Thursday
I am a psychiatrist. When depression has not lifted with earlier treatment, I look again at the whole picture with you: medication, therapy and your history.";

/// The directory, two lines a clinician (see the module's notes).
pub(super) const DIRECTORY: &str = "\
Dr. Amara Whitfield|she/her|woman|phd|14|cbt,behavioural_activation,cbasp|individual,group|in_person,online|Oakland, CA|US-CA|en|treatment_resistant_depression,chronic_depression|180|y|Aetna;Blue Shield of California|y|y|Weekday evenings, Saturday mornings
Most people who come to me have tried therapy before and are tired of starting over. We look at what got in the way last time and build something more structured together.
Luis Carrasco, LMFT|he/him|man|lmft|9|family,couples,interpersonal|individual,family|in_person,online|Fresno, CA|US-CA|es,en|relationships,grief|120|y|Medi-Cal;Anthem Blue Cross|y|y|Tuesday to Friday, 10:00 to 19:00
Trabajo con familias y parejas. I work in Spanish or English, whichever feels like home in the room, and I make space for the people you live with.
Thuy Nguyen, LCSW|she/her|woman|lcsw|11|cbt,problem_solving,interpersonal|individual,group|in_person,online,phone|San Jose, CA|US-CA|vi,en|anxiety,older_adults,work_stress|95|y|Medi-Cal;Kaiser Permanente;Aetna|y|y|Monday, Wednesday and Thursday, including lunchtimes
I offer therapy in Vietnamese and English. Many of my clients care for parents or children while working long hours; we start with what is most pressing this week.
Dr. Rowan Ellery|they/them|non_binary|psyd|7|act,emotion_focused,cbt|individual,group|online|Portland, OR|US-OR,US-WA|en|lgbtq,trauma,young_adults|150|y|Providence;Regence BlueCross BlueShield|y|y|Afternoons and two evenings a week
I am a queer and trans-affirming psychologist. I will not ask you to educate me; we can get to work on what is weighing on you.
Marcus Bell, LPC|he/him|man|lpc|18|cbt,behavioural_activation,group|individual,group|in_person,online|Atlanta, GA|US-GA|en|work_stress,substance_use,chronic_depression|110|n|Cigna;Aetna;Ambetter|y|y|Early mornings before work and Saturday
I spent ten years in employee assistance before private practice. I am practical: we plan the week, try it, and look at what happened.
Dr. Hannah Goldberg|she/her|woman|md|22|psychodynamic,interpersonal|individual|in_person,online|Brookline, MA|US-MA,US-NY|en,he|treatment_resistant_depression,bipolar|300|n||y|y|Monday to Thursday daytime
I am a psychiatrist who still does a lot of therapy. When medication and therapy have both been tried, I look at the whole picture with you, including your history.
Samuel Okonkwo, NP|he/him|man|np|6|cbt,problem_solving|individual|online,phone|Houston, TX|US-TX,US-LA|en|bipolar,anxiety|140|n|Blue Cross Blue Shield of Texas;UnitedHealthcare;Medicaid|y|y|Weekdays 08:00 to 16:00
I am a psychiatric nurse practitioner. I manage medication and offer short, structured therapy alongside it, by video or phone.
Dr. Isabel Moreno|she/her|woman|phd|16|cbt,cognitive,mbct|individual,group|in_person,online|Miami, FL|US-FL|es,en|perinatal,anxiety|160|y|Florida Blue;Aetna|y|y|Tuesday and Thursday evenings, Friday mornings
Me especializo en la depresión durante el embarazo y después del parto. New parents can bring the baby to sessions; nobody expects you to look put together.
Grace Kim, LMFT|she/her|woman|lmft|12|family,couples,emotion_focused|individual,family|in_person,online|Los Angeles, CA|US-CA|ko,en|relationships,perinatal|170|y|Blue Shield of California|y|y|Evenings and Sunday afternoons
I work with Korean and Korean-American families, across generations. Depression often shows up as conflict at home first.
Jordan Pike, LCSW|he/him|man|lcsw|4|behavioural_activation,act|individual|online|Denver, CO|US-CO|en|young_adults,substance_use|85|y|Colorado Medicaid;Kaiser Permanente|y|y|Late afternoons and evenings
I mostly see people in their twenties who feel stuck. We work on small, real steps back into a life that feels like yours.
Dr. Naomi Adeyemi|she/her|woman|psyd|19|cbasp,cbt,interpersonal|individual|in_person,online|Chicago, IL|US-IL,US-IN|en,yo|chronic_depression,treatment_resistant_depression|200|y|Blue Cross Blue Shield of Illinois;Cigna|y|y|Monday, Tuesday and Friday
If depression has been with you for years, you are who I trained to help. CBASP was made for long-lasting depression, and I use it gently.
Dr. Peter Lindqvist|he/him|man|md|30|psychodynamic|individual|in_person|Minneapolis, MN|US-MN|en,sv|treatment_resistant_depression,older_adults|260|n|Medicare;HealthPartners|n|y|Mornings
My practice is full for now. I see people in later life and those for whom many treatments have not helped.
Fatima Haddad, LPC|she/her|woman|lpc|8|cbt,counselling|individual,group|in_person,online|Dearborn, MI|US-MI|ar,en|grief,trauma|90|y|Blue Cross Blue Shield of Michigan;Medicaid|y|y|Weekdays and Saturday mornings
I offer counselling in Arabic and English. Grief after leaving home, or after losing someone, can sit under depression for a long time.
Dr. Ethan Brooks|he/him|man|phd|10|cbt,problem_solving,behavioural_activation|individual,group|online|Seattle, WA|US-WA,US-OR,US-ID|en|work_stress,anxiety|175|n|Premera Blue Cross;Aetna;Cigna|y|y|Weekday lunchtimes and evenings
I run a weekly online group for people whose depression is tied up with burnout, and see people one to one as well.
Maria Santos|she/her|woman|psychiatric_nurse|25|counselling,problem_solving|individual|phone,online|Phoenix, AZ|US-AZ|es,en|older_adults,chronic_illness|60|y|AHCCCS;Medicare|y|y|Weekday mornings by phone
I have nursed for twenty-five years. By phone, I help people manage depression alongside diabetes, heart disease or chronic pain.
Dr. Wei Zhang|he/him|man|phd|13|cbt,cognitive|individual|in_person,online|Flushing, NY|US-NY,US-NJ|zh,en|anxiety,work_stress|190|n|Empire BlueCross;Healthfirst|y|y|Evenings and Saturday
我提供普通话和英语的心理治疗。 I work with a lot of students and young professionals under heavy pressure from work and family.
Carmen Delgado, LCSW|she/her|woman|lcsw|15|interpersonal,family,group|individual,family,group|in_person|El Paso, TX|US-TX|es,en|perinatal,relationships,grief|75|y|Medicaid;Superior HealthPlan;Blue Cross Blue Shield of Texas|y|y|Weekdays, and a Thursday evening group
Mi consultorio está cerca de la frontera y trabajo con familias de ambos lados. I also run a group for new mothers.
Dr. Owen Mercer|he/him|man|do|11|cbt,behavioural_activation|individual|in_person,online|Columbus, OH|US-OH|en|treatment_resistant_depression,substance_use|230|n|Medical Mutual;Anthem;CareSource|y|y|Tuesday to Friday
I am an osteopathic psychiatrist. If alcohol is part of how you cope with low mood, we can talk about both without judgement.
Priyanka Rao, LMFT|she/her|woman|lmft|5|family,emotion_focused,couples|individual,family|online|Edison, NJ|US-NJ,US-NY|en,hi,te|relationships,young_adults|130|y|Horizon Blue Cross Blue Shield|y|y|Evenings and weekends
I work with South Asian families and couples, especially around expectations, marriage and moving between cultures.
Dr. Abigail Turner|she/her|woman|phd|27|interpersonal,psychodynamic|individual|in_person|Boston, MA|US-MA|en|grief,older_adults|240|n|Medicare;Harvard Pilgrim|y|n|Monday to Wednesday
I help people whose depression followed a loss: a person, a role, a marriage, or the life they expected.
Kai Nakamura, LPC|he/they|non_binary|lpc|6|act,mbct|individual,group|online|Honolulu, HI|US-HI|en,ja|lgbtq,anxiety|100|y|HMSA;Kaiser Permanente|y|y|Weekday afternoons Hawaii time
Mindfulness for me is practical, not mystical: noticing the spiral earlier so it has less pull.
Dr. Claire Dubois|she/her|woman|psyd|9|cbt,mbct|individual|online|Burlington, VT|US-VT,US-NH,US-ME|en,fr|perinatal,anxiety|155|y|Blue Cross Blue Shield of Vermont;MVP Health Care|y|y|Mornings and Wednesday evening
Je travaille en français et en anglais. I see a lot of parents in the first two years after a baby, by video, which saves the drive.
Anthony Russo, LCSW|he/him|man|lcsw|20|cbt,group,problem_solving|individual,group|in_person,online|Philadelphia, PA|US-PA,US-NJ|en,it|work_stress,substance_use,chronic_depression|105|y|Independence Blue Cross;Aetna;Medicaid|y|y|Evenings, and a Monday group
I run a men's group on Monday nights. Plenty of my clients were told to just get on with it; we do something different.
Dr. Yasmin Rahimi|she/her|woman|md|12|interpersonal,cbt|individual|online|Irvine, CA|US-CA|fa,en|bipolar,treatment_resistant_depression|280|n|Anthem Blue Cross;Cigna|y|y|Thursday and Friday
I see people for medication and therapy in Persian and English, especially when earlier treatment has not helped enough.
Brian O'Sullivan, counsellor|he/him|man|counsellor|17|counselling,cbt|individual|in_person,online,phone|Cork|IE|en,ga|grief,older_adults,work_stress|70|y||y|y|Weekdays and Saturday mornings
I am an accredited counsellor in Ireland. I see people in Cork city or online anywhere in the country.
Dr. Siobhan Gallagher|she/her|woman|phd|21|cbt,cbasp,behavioural_activation|individual,group|in_person,online|Dublin|IE|en|treatment_resistant_depression,chronic_depression|120|n|VHI;Laya Healthcare|y|y|Monday to Thursday
I lead a group programme for depression that has not lifted with earlier treatment, and see people individually in Dublin.
Dr. Oliver Hughes|he/him|man|phd|15|interpersonal,cognitive|individual|online|Manchester|GB|en|anxiety,work_stress|95|n|Bupa;AXA Health|y|y|Evenings UK time
I am a clinical psychologist registered in the UK. I work online with people across England, Scotland and Wales.
Dr. Ingrid Bauer|she/her|woman|md|24|psychodynamic,interpersonal|individual|in_person,online|Berlin|DE|de,en|treatment_resistant_depression,trauma|150|n|Techniker Krankenkasse;AOK|y|y|Tuesday to Friday
Ich arbeite auf Deutsch und Englisch. Many expatriate clients come to me when depression meets being far from home.
Emily Chen, LMFT|she/her|woman|lmft|3|family,emotion_focused|individual,family|online|Sacramento, CA|US-CA|en,yue|young_adults,relationships|110|y|Sutter Health Plus;Blue Shield of California|y|y|Late afternoons and Saturday
I am early in my career and well supervised. I work with young adults and their families, in English or Cantonese.
Dr. Ahmed Farouk|he/him|man|psyd|10|cbt,act|individual|in_person,online|Tampa, FL|US-FL,US-GA|ar,en|trauma,anxiety|165|y|Florida Blue;Humana|y|y|Monday to Friday, two evenings
I work with refugees and immigrants, and with anyone for whom depression came after something frightening.
Rosa Jimenez, LPC|she/her|woman|lpc|13|cbt,behavioural_activation,group|individual,group|in_person,phone|San Antonio, TX|US-TX|es,en|chronic_illness,older_adults|65|y|Medicare;Medicaid;Humana|y|y|Weekdays; phone sessions for people who cannot travel
Atiendo por teléfono a personas que no pueden salir de casa. Depression with a long illness is common, and treatable.
Dr. Victor Alvarez|he/him|man|md|18|cbt,interpersonal|individual|in_person|Albuquerque, NM|US-NM|es,en|bipolar,substance_use|220|n|Presbyterian Health Plan;Blue Cross Blue Shield of New Mexico|n|y|Monday and Wednesday
I am not taking new clients at the moment. I see people for medication and therapy together.
Tamar Levin, LCSW|she/her|woman|lcsw|8|psychodynamic,interpersonal|individual|online|Baltimore, MD|US-MD,US-DC,US-VA|en,he,ru|relationships,grief|135|y|CareFirst BlueCross BlueShield|y|y|Mornings and Wednesday evening
I am interested in patterns: what keeps repeating in your relationships and your moods, and where it started.
Dr. Kwame Mensah|he/him|man|phd|12|cbt,cbasp|individual,group|in_person,online|Raleigh, NC|US-NC|en,tw|chronic_depression,work_stress|170|y|Blue Cross NC;Aetna|y|y|Weekday evenings
I run structured programmes with clear goals, and I check with you each session whether they are working.
Sarah Whitehorse, LCSW|she/her|woman|lcsw|16|counselling,family,group|individual,family,group|in_person,online|Rapid City, SD|US-SD,US-ND|en|grief,substance_use,trauma|50|y|Indian Health Service;Medicaid;Sanford Health Plan|y|y|Weekdays and Tuesday evening
I work with Native families and communities in the Black Hills and online across the Dakotas.
Dr. Lucas Ferreira|he/him|man|psyd|7|cbt,behavioural_activation|individual|online|Newark, NJ|US-NJ|pt-BR,es,en|anxiety,young_adults|145|y|Horizon Blue Cross Blue Shield;Oscar|y|y|Evenings
Atendo em português, espanhol e inglês. Many of my clients are new to the country and new to therapy.
Deborah Walsh|she/her|woman|lpc|20|cbt,counselling|individual,group|in_person,online|Rochester, NY|US-NY|ase,en|trauma,relationships|85|y|Excellus BlueCross BlueShield;Medicaid|y|y|Weekdays, video sessions in ASL
I am Deaf and I offer therapy in American Sign Language, without an interpreter between us.
Michael Thornton, LPC|he/him|man|lpc|5|act,behavioural_activation|individual|online,phone|Nashville, TN|US-TN,US-KY|en|work_stress,substance_use|80|y|BlueCross BlueShield of Tennessee;Cigna|y|y|Evenings and Saturday
Country music says a lot about low mood already. I help people move from knowing what's wrong to doing something about it.
Dr. Aisha Bello|she/her|woman|md|9|interpersonal,behavioural_activation|individual|online|Atlanta, GA|US-GA,US-AL|en,ha|perinatal,bipolar|250|n|Anthem;Cigna;Kaiser Permanente|y|y|Wednesday to Friday
I am a perinatal psychiatrist. We can talk about medication in pregnancy and breastfeeding openly, and about therapy alongside it.
Joseph Tran, counsellor|he/him|man|counsellor|4|counselling,problem_solving|individual|phone|Garden Grove, CA|US-CA|vi,en|older_adults,grief|40|y||y|y|Daytime by phone
Tôi nói chuyện qua điện thoại với các cô chú lớn tuổi. I am a supervised counsellor; sessions are low cost.
Dr. Rebecca Stein|she/her|woman|phd|26|cbt,mbct,cognitive|individual,group|in_person|Ann Arbor, MI|US-MI|en|treatment_resistant_depression,chronic_depression|210|n|Blue Cross Blue Shield of Michigan;Priority Health|y|y|Monday to Thursday
I have run depression trials for many years and still see people every week. MBCT groups run four times a year.
Andre Baptiste, LMFT|he/him|man|lmft|10|family,couples,interpersonal|individual,family|in_person,online|Miami, FL|US-FL|ht,fr,en|relationships,grief|115|y|Florida Blue;Simply Healthcare|y|y|Evenings and Saturday
Mwen pale kreyòl. I work with Haitian families in Little Haiti and online across Florida.
Dr. Elena Petrova|she/her|woman|psyd|14|psychodynamic,emotion_focused|individual|online|Brooklyn, NY|US-NY,US-NJ,US-CT|ru,uk,en|trauma,relationships|180|y|Aetna;Oxford|y|n|Daytime and Monday evening
Я работаю на русском, українською та англійською. Therapy with me is unhurried; we take the time it needs.
Patrick Donnelly, LCSW|he/him|man|lcsw|23|cbt,group|individual,group|in_person|Pittsburgh, PA|US-PA|en|substance_use,chronic_depression|70|y|Highmark;UPMC Health Plan;Medicaid|n|y|Weekdays
I run recovery-focused groups. My individual list is closed until the spring.
Dr. Meera Krishnan|she/her|woman|phd|11|cbt,act,behavioural_activation|individual|online|Austin, TX|US-TX|en,ta|chronic_illness,work_stress|160|y|Blue Cross Blue Shield of Texas;UnitedHealthcare|y|y|Weekday afternoons
Health psychology is my background. Depression alongside chronic pain or a new diagnosis is what I know best.
Olivia Martin, LPC|she/her|woman|lpc|2|cbt,behavioural_activation|individual|online|Boise, ID|US-ID|en|young_adults,anxiety|60|y|Blue Cross of Idaho;Medicaid|y|n|Evenings
I finished my training last year. I work with students and young adults, online, at a low fee while I build my practice.
Dr. Samuel Ortiz|he/him|man|phd|17|interpersonal,cbt,family|individual,family,group|in_person,online|San Diego, CA|US-CA|es,en|suicidal_thoughts,trauma|190|y|TriCare;Blue Shield of California|y|y|Monday to Friday
I have worked with veterans and their families for most of my career. Thoughts of suicide are something we can talk about plainly.
Hyun-woo Park, LCSW|he/him|man|lcsw|7|cbt,problem_solving|individual|online|Fort Lee, NJ|US-NJ,US-NY|ko,en|work_stress,young_adults|120|n|Horizon Blue Cross Blue Shield;Aetna|y|y|Evenings and Sunday
한국어와 영어로 상담합니다. Many of my clients work long hours and feel they cannot slow down.
Dr. Beatrice Osei|she/her|woman|psyd|12|interpersonal,group,emotion_focused|individual,group|in_person,online|Washington, DC|US-DC,US-MD,US-VA|en,fr|grief,perinatal|200|y|CareFirst BlueCross BlueShield;Cigna|y|y|Tuesday to Saturday
I run a grief group that meets every other week, and see people one to one in Washington.
Daniel Whitaker, NP|he/him|man|np|8|cbt,behavioural_activation|individual|online,phone|Billings, MT|US-MT,US-WY|en|treatment_resistant_depression,older_adults|130|n|Blue Cross Blue Shield of Montana;Medicare|y|y|Weekdays
Rural Montana has few psychiatrists. I see people by video or phone for medication and brief therapy.
Lucía Fernández, LPC|she/her|woman|lpc|9|cbt,mbct|individual,group|in_person,online|Las Vegas, NV|US-NV|es,en|anxiety,work_stress|90|y|Nevada Medicaid;Health Plan of Nevada|y|y|Shift workers welcome: early mornings and late evenings
Trabajo con personas que trabajan de noche en casinos y hoteles. Sessions fit around shifts.
Dr. Thomas Reinholt|he/him|man|md|33|psychodynamic,interpersonal|individual|in_person|Milwaukee, WI|US-WI|en,de|older_adults,bipolar|270|n|Medicare;Quartz|n|y|Tuesday and Thursday
I am semi-retired and my list is full. I continue with the people I already see.
Jasmine Carter, LMFT|she/her|woman|lmft|6|family,couples,emotion_focused|individual,family|online|Charlotte, NC|US-NC,US-SC|en|relationships,lgbtq|125|y|Blue Cross NC;Cigna|y|y|Evenings and Saturday
I work with couples and families, including blended and queer families, when depression strains everyone at home.
Dr. Arjun Mehta|he/him|man|md|15|cbt,problem_solving|individual|online|Toronto|CA-ON|en,hi,gu|treatment_resistant_depression,anxiety|200|n|OHIP|y|y|Monday to Thursday
I am a psychiatrist licensed in Ontario. OHIP covers sessions for Ontario residents with a referral.
Nadia Petrenko, counsellor|she/her|woman|counsellor|5|counselling,emotion_focused|individual|online|Lviv|UA|uk,ru,en|trauma,grief|30|y||y|n|Daytime Central European time
Я консультую українською та англійською. I work with people displaced by war, wherever they are now.
Dr. Christopher Hale|he/him|man|phd|20|cbt,cognitive,group|individual,group|in_person,online|Salt Lake City, UT|US-UT|en|chronic_depression,young_adults|150|n|SelectHealth;Regence BlueCross BlueShield|y|y|Monday to Friday
I teach cognitive therapy and see people in my clinic. We will learn skills you can keep using when therapy ends.
Ana Sofia Reyes, LCSW|she/her|woman|lcsw|10|interpersonal,behavioural_activation|individual,group|in_person,online,phone|Chicago, IL|US-IL|es,en|perinatal,grief|55|y|Medicaid;Blue Cross Blue Shield of Illinois|y|y|Weekdays; childcare corner in the waiting room
Muchas de mis clientas son mamás jóvenes. You can come with the baby, or we can talk by phone during nap time.
Dr. Gabriel Silva|he/him|man|psyd|8|act,mbct,cbt|individual|online|Providence, RI|US-RI,US-MA|pt,en|anxiety,lgbtq|140|y|Blue Cross Blue Shield of Rhode Island;Neighborhood Health Plan|y|y|Evenings
Falo português e inglês. I work by video with people across Rhode Island and Massachusetts.
Helen McCarthy|she/her|woman|psychiatric_nurse|29|counselling,problem_solving,group|individual,group|in_person|Portland, ME|US-ME|en|older_adults,chronic_illness|45|y|MaineCare;Medicare|y|y|Weekday mornings
I run a low-cost group for older adults with low mood, with tea, in a community centre.
Dr. Julian Ashford|he/him|man|phd|13|psychodynamic,interpersonal|individual|online|New Orleans, LA|US-LA|en,fr|trauma,relationships|175|n|Blue Cross Blue Shield of Louisiana|y|n|Afternoons
I work with people whose depression is tangled up with what happened to them growing up.
Min-jung Lee, LPC|she/her|woman|lpc|6|cbt,counselling|individual,group|in_person,online|Dallas, TX|US-TX,US-OK|ko,en|young_adults,anxiety|95|y|Blue Cross Blue Shield of Texas;Ambetter|y|y|Weekday evenings
I support international students and young adults finding their feet in a new place.
Dr. Esther Abrams|she/her|woman|md|19|interpersonal,cbt|individual|in_person,online|Cleveland, OH|US-OH,US-PA|en,yi|perinatal,treatment_resistant_depression|260|n|Medical Mutual;Aetna|y|y|Monday to Wednesday
I am a reproductive psychiatrist. I see people before, during and after pregnancy, and after loss.
Ricardo Mendes, LMFT|he/him|man|lmft|14|family,group,interpersonal|individual,family,group|in_person|Newark, NJ|US-NJ|pt,es,en|substance_use,relationships|100|y|Horizon NJ Health;Medicaid|y|y|Evenings and Saturday
Trabalho com famílias quando o álcool e a tristeza andam juntos em casa.
Dr. Lena Haugen|she/her|woman|phd|10|cbt,behavioural_activation,mbct|individual,group|in_person,online|Anchorage, AK|US-AK|en,no|chronic_depression,work_stress|165|y|Premera Blue Cross;Moda Health|y|y|Weekdays; winter light sessions
Long dark winters are hard on mood. I combine behavioural activation with what we know about light and routine.
Farah Siddiqui, LCSW|she/her|woman|lcsw|7|cbt,interpersonal|individual|online|Houston, TX|US-TX|ur,hi,en|perinatal,relationships|100|y|Blue Cross Blue Shield of Texas;Aetna|y|y|Weekday mornings and evenings
میں اردو میں بھی بات کرتی ہوں۔ I work with new mothers and with women balancing family expectations.
Dr. Miguel Ángel Torres|he/him|man|md|21|cbt,psychodynamic|individual|in_person,online|Guadalajara|MX|es|treatment_resistant_depression,bipolar|90|n||y|y|Lunes a viernes
Soy psiquiatra en Guadalajara. Atiendo en persona y en línea en todo México.
Riley Jensen, LPC|they/them|non_binary|lpc|3|act,counselling|individual,group|online|Madison, WI|US-WI,US-MN|en|lgbtq,young_adults|70|y|Quartz;Dean Health Plan|y|y|Evenings
I am a young therapist who works with LGBTQ+ people and anyone who has felt out of place in therapy before.";

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn every_listing_reads_as_a_valid_profile_and_the_directory_is_varied() {
        let mut ids = 0u128;
        let mut next = || {
            ids += 1;
            Uuid::from_u128(ids)
        };
        let now = chrono::DateTime::from_timestamp(1_796_000_000, 0).unwrap();
        let all = listings(
            &mut next,
            "hash",
            "America/Chicago",
            now - Duration::days(400),
            Uuid::nil(),
            now,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(all.len() >= 60, "{}", all.len());
        let listed = all
            .iter()
            .filter(|l| l.check.is_some() && l.profile.profile.accepting_new_clients)
            .count();
        assert!(
            all.iter().any(|l| l.check.is_none()),
            "some not yet checked"
        );
        assert!(
            all.iter().any(|l| !l.profile.profile.accepting_new_clients),
            "some not accepting"
        );
        assert!(listed >= 50, "{listed}");
        let speaks = |tag: &str| {
            all.iter().any(|l| {
                l.profile
                    .profile
                    .languages
                    .iter()
                    .any(|x| x.primary() == tag)
            })
        };
        for tag in ["es", "vi", "ase", "zh", "ko", "ar"] {
            assert!(speaks(tag), "{tag}");
        }
        let has = |s: Specialty| {
            all.iter()
                .any(|l| l.profile.profile.specialties.contains(&s))
        };
        assert!(has(Specialty::TreatmentResistantDepression) && has(Specialty::Perinatal));
        assert!(
            all.iter()
                .any(|l| l.profile.profile.sliding_scale == Some(true))
        );
        assert!(
            all.iter()
                .any(|l| l.profile.profile.sliding_scale == Some(false))
        );
        assert!(all.iter().any(|l| {
            !l.profile
                .profile
                .jurisdictions
                .iter()
                .any(|j| j.country() == "US")
        }));
        let mut emails: Vec<&str> = all.iter().map(|l| l.user.email.as_str()).collect();
        emails.sort_unstable();
        emails.dedup();
        assert_eq!(emails.len(), all.len(), "addresses are unique");
        assert_eq!(practice_profiles().map(|p| p.len()).ok(), Some(3));
    }
}

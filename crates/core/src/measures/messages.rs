//! What a person reads when a response is refused: every message of this module in one place,
//! so that it can be translated.

pub(super) fn wrong_count(instrument: &str, expected: usize, got: usize) -> String {
    let sent = if got == 1 {
        "1 answer was sent".to_string()
    } else {
        format!("{got} answers were sent")
    };
    format!(
        "The {instrument} has {expected} questions, but {sent}. Send one answer per question, in order."
    )
}

pub(super) fn choose(question: u8) -> String {
    format!("Choose an answer for question {question}.")
}

pub(super) fn out_of_range(question: u8, min: u8, max: u8) -> String {
    format!("Choose one of the answers for question {question} (a number from {min} to {max}).")
}

pub(super) fn item9_required() -> String {
    "Choose an answer for question 9. It is the one question that cannot be skipped.".to_string()
}

pub(super) fn too_many_missing(questions: &[u8]) -> String {
    format!(
        "Choose answers for questions {}. Up to two questions can be left out.",
        list(questions)
    )
}

pub(super) fn difficulty_not_asked(instrument: &str) -> String {
    format!("The {instrument} does not ask how difficult things have been. Leave this out.")
}

pub(super) fn mood() -> String {
    "Choose your mood today, from 0 to 10.".to_string()
}

pub(super) fn sleep() -> String {
    "Enter the hours you slept, from 0 to 24.".to_string()
}

pub(super) fn sleep_quarter() -> String {
    "Enter the hours you slept in quarter hours, for example 7, 7.25 or 7.5.".to_string()
}

pub(super) fn medication() -> String {
    "Choose whether you took your medication: taken, missed or not prescribed.".to_string()
}

pub(super) fn self_harm() -> String {
    "Answer yes, no or skip.".to_string()
}

pub(super) fn too_long(max_chars: usize) -> String {
    format!("Keep this to {} characters or fewer.", thousands(max_chars))
}

pub(super) fn too_many_warning_signs(max: usize) -> String {
    format!("Tick at most {max} warning signs.")
}

pub(super) fn feedback(question: &str, max: u8) -> String {
    format!("Choose a number from 0 to {max} for “{question}”.")
}

/// "2", "2 and 5", "2, 5 and 7".
fn list(numbers: &[u8]) -> String {
    let words: Vec<String> = numbers.iter().map(u8::to_string).collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_numbers_read_naturally() {
        assert_eq!(list(&[4]), "4");
        assert_eq!(list(&[2, 5]), "2 and 5");
        assert_eq!(list(&[2, 5, 7]), "2, 5 and 7");
        assert_eq!(thousands(2000), "2,000");
        assert_eq!(thousands(20), "20");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert!(wrong_count("PHQ-9", 9, 1).contains("1 answer was sent"));
        assert!(wrong_count("PHQ-9", 9, 0).contains("0 answers were sent"));
    }
}

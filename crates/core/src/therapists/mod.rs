//! Therapists as people looking for one see them: the public profile a clinician writes, with
//! its words for credentials, approaches, formats, modes, specialties, languages and places.
//! Matching (`crate::matching`) filters and scores on it.

pub mod profile;

pub use profile::{
    Credential, Format, Gender, InsuranceList, Jurisdiction, Language, Mode, Profile, Specialty,
    TherapyApproach,
};

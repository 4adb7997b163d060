//! Therapist profiles and the public directory: a clinician writes their own profile, an
//! administrator records the check of their licence, and anyone may search those who are
//! listed (checked, accepting new clients, account active). Nothing here is about a client.

mod directory;
mod profile;
mod verify;

/// Everyone listed, from the in-memory copy (matching builds its compact form from it).
pub(crate) use directory::listed;
pub use directory::{DirectoryCache, DirectoryPage, Filters, PAGE_SIZE, directory, public_profile};
pub use profile::{MyProfile, PublicCheck, my_profile, save_my_profile};
pub use rapport_store::therapists::{Listed, Verification};
pub use verify::{
    ClinicianCheckRow, LicenceCheck, MAX_ISSUER_CHARS, MAX_LICENCE_CHARS, clinicians_to_verify,
    verify,
};

use rapport_core::accounts::Role;
use uuid::Uuid;

/// The signed-in person a use-case acts for, and where the request came from.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Uuid,
    pub role: Role,
    pub name: String,
    pub address: Option<String>,
}

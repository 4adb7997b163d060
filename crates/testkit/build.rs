//! The PostgreSQL suite runs only when `RAPPORT_TEST_POSTGRES_URL` is set; without it the
//! generated `postgres::` tests are reported as ignored, with the reason.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RAPPORT_TEST_POSTGRES_URL");
    println!("cargo:rustc-check-cfg=cfg(rapport_pg)");
    if std::env::var_os("RAPPORT_TEST_POSTGRES_URL").is_some_and(|v| !v.is_empty()) {
        println!("cargo:rustc-cfg=rapport_pg");
    }
}

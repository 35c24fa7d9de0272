//! Placeholder until the strict checker lands.
pub(crate) fn check_object(text: &str) -> Result<(), String> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(_)) => Ok(()),
        Ok(_) => Err("the attachment must be a JSON object".into()),
        Err(error) => Err(error.to_string()),
    }
}

//! `EndpointSpec`'s Debug output never shows secrets (header values, URL tokens, bodies).

use ssewatch_core::EndpointSpec;

#[test]
fn debug_output_hides_header_values_url_tokens_and_body() {
    let url = url::Url::parse("https://user:hunter2@api.example.com/stream?token=s3cret").unwrap();
    let mut spec = EndpointSpec::new("orders", url);
    spec.headers
        .push(("Authorization".to_owned(), "Bearer t0ken".to_owned()));
    spec.body = Some("{\"password\":\"pw\"}".to_owned());
    let debug = format!("{spec:?}");
    for secret in ["hunter2", "s3cret", "t0ken", "\"pw\""] {
        assert!(!debug.contains(secret), "{secret} leaked in {debug}");
    }
    assert!(
        debug.contains("Authorization"),
        "header names stay visible: {debug}"
    );
    assert!(
        debug.contains("api.example.com/stream"),
        "host and path stay visible: {debug}"
    );
}

//! What to try when the server's certificate was rejected, read from rustls's wording of the
//! error (reqwest hands it over only as text, in an error chain).
//!
//! Only failures with a clear remedy get a hint. For the rest (a bad signature, a key usage
//! that does not allow a server, a server that demands a client certificate) the error itself is
//! all there is to say, and a hint to pass a CA file would send the user the wrong way.
//! The hints name both the CLI's flags and the config's keys: the same message reaches
//! `ssewatch` and the desktop app.

/// The hint for a TLS error whose chain of causes, in lower case, is `lower`; `has_ca_file`
/// says whether the endpoint already trusts a CA file. Empty when there is no clear remedy.
pub(super) fn certificate_hint(lower: &str, has_ca_file: bool) -> &'static str {
    if lower.contains("causedasendentity") {
        " (the server presents a CA certificate as its own, as `openssl req -x509` makes them by \
         default, which is refused even when trusted: give the server a certificate signed by \
         that CA (mkcert makes both), or skip checks with --insecure or insecure = true)"
    } else if lower.contains("unknownissuer") && has_ca_file {
        " (the CA file does not sign this certificate: another CA signed it, or the server does \
         not send its intermediate certificates; --insecure or insecure = true skips checks)"
    } else if lower.contains("unknownissuer") {
        " (for a self-signed development server, give its CA certificate with --ca-file or \
         the endpoint's ca_file, or skip checks with --insecure or insecure = true)"
    } else if lower.contains("not valid for any names") {
        " (the certificate names no host in its subjectAltName, and the common name is not \
         used: reissue it with the host's name; --insecure or insecure = true skips checks)"
    } else if lower.contains("not valid for name") || lower.contains("notvalidforname") {
        " (the certificate is for another host name: check the URL's host; --insecure or \
         insecure = true skips checks)"
    } else if is_outside_validity(lower) {
        " (renew the certificate, or check this machine's clock; --insecure or insecure = true \
         skips checks)"
    } else {
        ""
    }
}

/// rustls's words for a certificate used before or after its validity period, with the times
/// or without.
fn is_outside_validity(lower: &str) -> bool {
    [
        "certificate expired",
        "certificate not valid yet",
        "certificate: expired",
        "certificate: notvalidyet",
    ]
    .iter()
    .any(|words| lower.contains(words))
}

#[cfg(test)]
mod tests {
    use super::certificate_hint;

    /// The hint for `message`, as rustls 0.23 words it.
    fn hint(message: &str, has_ca_file: bool) -> &'static str {
        certificate_hint(&message.to_ascii_lowercase(), has_ca_file)
    }

    #[test]
    fn an_unknown_issuer_points_to_a_ca_file_unless_one_is_given() {
        let message = "invalid peer certificate: UnknownIssuer";
        assert!(hint(message, false).contains("--ca-file"));
        let with_ca_file = hint(message, true);
        assert!(with_ca_file.contains("does not sign"), "{with_ca_file}");
        assert!(!with_ca_file.contains("--ca-file"), "{with_ca_file}");
    }

    #[test]
    fn names_validity_and_a_ca_as_its_own_each_get_their_remedy() {
        let cases = [
            (
                "invalid peer certificate: Other(OtherError(CaUsedAsEndEntity))",
                "mkcert",
            ),
            (
                "invalid peer certificate: certificate not valid for name \"a.example\"; \
                 certificate is only valid for DnsName(\"b.example\")",
                "another host name",
            ),
            (
                "invalid peer certificate: NotValidForName",
                "another host name",
            ),
            (
                "invalid peer certificate: certificate not valid for name \"a.example\"; \
                 certificate is not valid for any names (according to its subjectAltName \
                 extension)",
                "names no host",
            ),
            (
                "invalid peer certificate: certificate expired: verification time 1700000000 \
                 (UNIX), but certificate is not valid after 1600000000 (100000000 seconds ago)",
                "renew",
            ),
            (
                "invalid peer certificate: certificate not valid yet: verification time \
                 1600000000 (UNIX), but certificate is not valid before 1700000000",
                "clock",
            ),
            ("invalid peer certificate: Expired", "renew"),
            ("invalid peer certificate: NotValidYet", "clock"),
        ];
        for (message, remedy) in cases {
            let hint = hint(message, true);
            assert!(hint.contains(remedy), "{message}: {hint}");
        }
    }

    #[test]
    fn failures_with_no_clear_remedy_get_no_hint() {
        for message in [
            "invalid peer certificate: BadSignature",
            "invalid peer certificate: BadEncoding",
            "invalid peer certificate: Other(OtherError(EndEntityUsedAsCa))",
            "invalid peer certificate: certificate does not allow extended key usage for \
             server authentication, allows client authentication",
            "received fatal alert: CertificateRequired",
            "peer sent no certificates",
            "invalid certificate revocation list: expired",
        ] {
            assert_eq!(hint(message, false), "", "{message}");
        }
    }
}

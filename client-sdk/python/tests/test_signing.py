"""The request signature, against vectors computed independently (openssl dgst -sha256 -hmac,
and the broker's own io.tbms.common.auth.RequestSignature, which agree)."""

import unittest

from tbms import signing

BODY = b'{"query":{"text":"set an alarm for 7 am"},"budget_ms":50,"models":[{"name":"svm","est_ms":25}]}'


class SignatureTest(unittest.TestCase):
    def test_matches_the_independently_computed_vector(self):
        self.assertEqual(
            signing.sign("demo-secret-key", "POST", "/v1/try", 1700000000000, BODY),
            "a84d7fdde91cd4227cf20b0a02d4a3a3ded8940ac71c489a2134c631cdddfa5d",
        )

    def test_signs_an_empty_body_with_a_non_ascii_key_as_utf8(self):
        self.assertEqual(
            signing.sign("ключ", "POST", "/v1/mix-try", 1, b""),
            "623912ec4abc6788bc2749f1112977494a927a78fd9c52b98b7a8a5934560258",
        )

    def test_canonical_string_hashes_the_body(self):
        self.assertEqual(
            signing.canonical("POST", "/v1/try", 1700000000000, BODY),
            "POST\n/v1/try\n1700000000000\n5a391c0f156accda657edb2f64290e2b629efa47068fcce2668253ad9d27b059",
        )

    def test_headers_carry_id_timestamp_signature_and_the_instance_claim(self):
        headers = signing.signed_headers("demo", "demo-secret-key", "demo", "/v1/try", BODY, 1700000000000)
        self.assertEqual(headers, {
            "X-TBMS-Access-Id": "demo",
            "X-TBMS-Timestamp": "1700000000000",
            "X-TBMS-Signature": "a84d7fdde91cd4227cf20b0a02d4a3a3ded8940ac71c489a2134c631cdddfa5d",
            "X-TBMS-Instance": "demo",
        })

    def test_timestamp_defaults_to_now_in_milliseconds(self):
        import time

        before = time.time() * 1000
        stamp = int(signing.signed_headers("a", "k", "i", "/v1/try", b"")["X-TBMS-Timestamp"])
        self.assertLessEqual(abs(stamp - before), 5_000)


if __name__ == "__main__":
    unittest.main()

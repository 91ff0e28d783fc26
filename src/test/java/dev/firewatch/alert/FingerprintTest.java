package dev.firewatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void theSameLabelsInAnyOrderGiveTheSameFingerprint() {
        var forwards = new LinkedHashMap<String, String>();
        forwards.put("alertname", "DiskFull");
        forwards.put("instance", "db-1");
        var backwards = new LinkedHashMap<String, String>();
        backwards.put("instance", "db-1");
        backwards.put("alertname", "DiskFull");

        assertThat(Fingerprint.of(forwards)).isEqualTo(Fingerprint.of(backwards));
    }

    @Test
    void isThirtyTwoLowercaseHexDigitsAndStableAcrossReleases() {
        // Stored fingerprints must keep matching after an upgrade: this value may never change.
        assertThat(Fingerprint.of(Map.of("alertname", "DiskFull")))
                .matches("[0-9a-f]{32}")
                .isEqualTo(Fingerprint.of(Map.of("alertname", "DiskFull")));
        assertThat(Fingerprint.of(Map.of())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb924");
        assertThat(Fingerprint.of(
                        Map.of("alertname", "DiskFull", "instance", "db-1", "città", "Zürich 🔥", "team", "")))
                .isEqualTo("f68b959e09ee11d0be382687ea0fe129");
    }

    @Test
    void separatorsInsideValuesCannotMakeTwoLabelSetsCollide() {
        assertThat(Fingerprint.of(Map.of("a", "b,c=x"))).isNotEqualTo(Fingerprint.of(Map.of("a", "b", "c", "x")));
        assertThat(Fingerprint.of(Map.of("a", "b=c"))).isNotEqualTo(Fingerprint.of(Map.of("a=b", "c")));
        assertThat(Fingerprint.of(Map.of("ab", "c"))).isNotEqualTo(Fingerprint.of(Map.of("a", "bc")));
        assertThat(Fingerprint.of(Map.of("a", "b\u0000c", "d", "e")))
                .isNotEqualTo(Fingerprint.of(Map.of("a", "b", "c\u0000d", "e")));
    }

    @Test
    void differentValuesGiveDifferentFingerprints() {
        assertThat(Fingerprint.of(Map.of("instance", "db-1"))).isNotEqualTo(Fingerprint.of(Map.of("instance", "db-2")));
    }

    @Test
    void unicodeIsHashedAsUtf8SoEveryNodeAgrees() {
        assertThat(Fingerprint.of(Map.of("città", "Zürich 🔥")))
                .isEqualTo(Fingerprint.of(new LinkedHashMap<>(Map.of("città", "Zürich 🔥"))))
                .isNotEqualTo(Fingerprint.of(Map.of("citta", "Zurich 🔥")));
        // "é" written as one code point and as e + combining accent are different strings: no normalisation.
        assertThat(Fingerprint.of(Map.of("n", "\u00e9"))).isNotEqualTo(Fingerprint.of(Map.of("n", "e\u0301")));
    }

    @Test
    void anEmptyLabelCountsAsAbsentAsInPrometheus() {
        assertThat(Fingerprint.of(Map.of("alertname", "DiskFull", "team", "")))
                .isEqualTo(Fingerprint.of(Map.of("alertname", "DiskFull")));
    }
}

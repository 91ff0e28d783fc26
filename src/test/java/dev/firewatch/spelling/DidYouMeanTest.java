package dev.firewatch.spelling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The word someone probably meant, for the config's errors and for a monitor condition's. */
class DidYouMeanTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("suggestions")
    void suggestsTheWordMeant(String sentence, String typed, List<String> candidates, Optional<String> suggestion) {
        assertThat(DidYouMean.closest(typed, candidates)).isEqualTo(suggestion);
    }

    static Stream<Arguments> suggestions() {
        var keys = List.of("host", "port", "public_url", "max_body");
        return Stream.of(
                arguments("two swapped letters", "prot", keys, Optional.of("port")),
                arguments(
                        "a missing letter", "slak", List.of("webhook", "slack", "email", "ntfy"), Optional.of("slack")),
                arguments("another case", "Admin", List.of("viewer", "responder", "admin"), Optional.of("admin")),
                arguments("a long word with two mistakes", "pubic_lurl", keys, Optional.of("public_url")),
                arguments("nothing close", "colour", keys, Optional.empty()),
                arguments("a short word needs to be very close", "to", List.of("url"), Optional.empty()),
                arguments("no candidates", "port", List.of(), Optional.empty()));
    }

    @Test
    void breaksTiesAlphabeticallySoTheMessageIsStable() {
        assertThat(DidYouMean.closest("bat", List.of("cat", "bar"))).contains("bar");
        assertThat(DidYouMean.hint("bat", List.of("cat", "bar"))).isEqualTo("; did you mean \"bar\"?");
        assertThat(DidYouMean.hint("zzz", List.of("cat", "bar"))).isEmpty();
    }

    @Test
    void inOrderBreaksTiesForTheCandidateListedFirst() {
        assertThat(DidYouMean.closestInOrder("bat", List.of("cat", "bar"))).contains("cat");
        assertThat(DidYouMean.closestInOrder("x=", List.of("==", "!=", "<", "<=", ">", ">=")))
                .contains("==");
        assertThat(DidYouMean.closestInOrder("zzz", List.of("cat", "bar"))).isEmpty();
    }
}

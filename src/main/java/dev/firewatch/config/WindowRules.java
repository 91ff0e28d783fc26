package dev.firewatch.config;

import dev.firewatch.alert.Parsed;
import dev.firewatch.probe.WindowRule;
import dev.firewatch.spelling.DidYouMean;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A monitor's {@code window_rules:}, each one line read like a sentence:
 *
 * <pre>
 * p95 response_time > 500ms over 5m     the 95th percentile of response times in the last 5 minutes is above 500 ms
 * error_ratio > 1% over 2m              more than 1 % of the checks in the last 2 minutes failed
 * </pre>
 *
 * {@code for} may stand for {@code over}. Only {@code >}: a rule says when the monitor is degraded.
 */
final class WindowRules {
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(\\.\\d{1,3})?)");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(\\.\\d{1,4})?)%");
    private static final String EXAMPLE = "p95 response_time > 500ms over 5m or error_ratio > 1% over 2m";

    private WindowRules() {}

    /** A word of the rule and where it starts. */
    private record Word(String text, int at) {}

    static Parsed<WindowRule> parse(String text) {
        List<Word> words = words(text);
        if (words.isEmpty()) {
            return failed(0, "the rule is empty; write one like " + EXAMPLE);
        }
        Word first = words.getFirst();
        Matcher percentile = PERCENTILE.matcher(first.text());
        int next;
        Optional<Double> latency = Optional.empty();
        if (percentile.matches()) {
            double p = Double.parseDouble(percentile.group(1));
            if (p <= 0 || p >= 100) {
                return failed(first.at(), "a percentile is above p0 and below p100, like p95 or p99.9");
            }
            if (words.size() < 2 || !words.get(1).text().equals("response_time")) {
                return failed(
                        at(words, 1, text),
                        "expected response_time after " + first.text() + ", found " + found(words, 1));
            }
            latency = Optional.of(p); // as written: p95 is 95, the unit WindowRule.Latency takes
            next = 2;
        } else if (first.text().equals("error_ratio")) {
            next = 1;
        } else {
            String hint = DidYouMean.closest(first.text(), List.of("error_ratio", "response_time"))
                    .map(c -> c.equals("response_time")
                            ? "; a latency rule starts with its percentile: p95 response_time"
                            : "; did you mean \"error_ratio\"?")
                    .orElse("");
            return failed(
                    first.at(),
                    "expected p95 response_time (or another percentile) or error_ratio, found " + quoted(first.text())
                            + hint);
        }
        if (words.size() <= next || !words.get(next).text().equals(">")) {
            return failed(
                    at(words, next, text),
                    "expected > (a rule holds while the value is above its threshold), found " + found(words, next));
        }
        int thresholdAt = next + 1;
        if (words.size() <= thresholdAt) {
            return failed(
                    text.length(),
                    "missing threshold after >; write "
                            + (latency.isPresent() ? "a duration like 500ms" : "a" + " percentage like 1%"));
        }
        Word threshold = words.get(thresholdAt);
        Optional<Duration> latencyThreshold = Optional.empty();
        double ratio = 0;
        if (latency.isPresent()) {
            latencyThreshold = Durations.parse(threshold.text());
            if (latencyThreshold.isEmpty()) {
                return failed(
                        threshold.at(),
                        "expected a duration like 500ms or 2s after >, found " + quoted(threshold.text()));
            }
        } else {
            Matcher percent = PERCENT.matcher(threshold.text());
            BigDecimal share = percent.matches() ? new BigDecimal(percent.group(1)) : BigDecimal.valueOf(-1);
            if (share.signum() < 0 || share.compareTo(BigDecimal.valueOf(100)) >= 0) {
                return failed(
                        threshold.at(),
                        "expected a percentage from 0% to below 100%, like 1% or 0.5%, found "
                                + quoted(threshold.text()));
            }
            ratio = share.movePointLeft(2).doubleValue();
        }
        int overAt = thresholdAt + 1;
        if (words.size() <= overAt
                || !(words.get(overAt).text().equals("over")
                        || words.get(overAt).text().equals("for"))) {
            return failed(
                    at(words, overAt, text),
                    "expected over and the window's length, like over 5m, found " + found(words, overAt));
        }
        int windowAt = overAt + 1;
        if (words.size() <= windowAt) {
            return failed(
                    text.length(),
                    "missing the window's length after " + words.get(overAt).text() + "; write one like 5m");
        }
        Word written = words.get(windowAt);
        Optional<Duration> window = Durations.parse(written.text());
        if (window.isEmpty()) {
            return failed(written.at(), "expected a window like 5m or 1h, found " + quoted(written.text()));
        }
        if (words.size() > windowAt + 1) {
            Word extra = words.get(windowAt + 1);
            return failed(extra.at(), "unexpected " + quoted(extra.text()) + " after the window; a rule ends there");
        }
        String rule = text.strip();
        return new Parsed.Ok<>(
                latency.isPresent()
                        ? new WindowRule.Latency(latency.get(), latencyThreshold.orElseThrow(), window.get(), rule)
                        : new WindowRule.ErrorRatio(ratio, window.get(), rule));
    }

    private static List<Word> words(String text) {
        List<Word> words = new ArrayList<>();
        Matcher word = Pattern.compile("\\S+").matcher(text);
        while (word.find()) {
            words.add(new Word(word.group(), word.start()));
        }
        return words;
    }

    private static int at(List<Word> words, int index, String text) {
        return index < words.size() ? words.get(index).at() : text.length();
    }

    private static String found(List<Word> words, int index) {
        return index < words.size() ? quoted(words.get(index).text()) : "the end";
    }

    private static String quoted(String word) {
        return "'" + word + "'";
    }

    private static Parsed<WindowRule> failed(int offset, String message) {
        return new Parsed.Failed<>(offset, message);
    }
}

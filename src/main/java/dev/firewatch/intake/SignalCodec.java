package dev.firewatch.intake;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.firewatch.alert.Signal;
import java.io.IOException;
import java.time.Instant;

/**
 * How a {@link Signal} is written into the journal: JSON with a {@code kind} and times as epoch milliseconds.
 * The format is internal, but rows outlive a release, so fields are only ever added.
 */
public final class SignalCodec {
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Signal.Trigger.class, name = "trigger"),
        @JsonSubTypes.Type(value = Signal.Acknowledge.class, name = "acknowledge"),
        @JsonSubTypes.Type(value = Signal.Resolve.class, name = "resolve")
    })
    private interface SignalKinds {}

    /** Made once: a writer or reader per call showed up in the intake profile. */
    private final ObjectWriter writer;

    private final ObjectReader reader;

    public SignalCodec() {
        SimpleModule times = new SimpleModule("journal-times");
        times.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeNumber(value.toEpochMilli());
            }
        });
        times.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return Instant.ofEpochMilli(parser.getLongValue());
            }
        });
        ObjectMapper mapper = new ObjectMapper().registerModule(times).addMixIn(Signal.class, SignalKinds.class);
        this.writer = mapper.writerFor(Signal.class);
        this.reader = mapper.readerFor(Signal.class);
    }

    public String encode(Signal signal) {
        try {
            return writer.writeValueAsString(signal);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a signal to the journal: " + e.getOriginalMessage(), e);
        }
    }

    public Signal decode(String json) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a journal row cannot be read back: " + e.getOriginalMessage(), e);
        }
    }
}

package io.edgesplit.kafka.recording;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes {@code manifest.json} (Jackson, nulls written, fields in declared order). */
final class ManifestJson {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .build();

    private static final Pattern MISSING =
            Pattern.compile("Missing (?:required )?creator property '([^']+)'");

    private ManifestJson() {}

    /** The JSON text, indented, {@code \n} line ends, ending with a newline. */
    static String toJson(TraceManifest manifest) {
        DefaultPrettyPrinter printer =
                new DefaultPrettyPrinter()
                        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(printer).writeValueAsString(manifest) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the manifest as JSON", e);
        }
    }

    /** Writes the manifest next to a temporary file and moves it in place, atomically. */
    static void write(TraceManifest manifest, Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, toJson(manifest), StandardCharsets.UTF_8);
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a manifest file.
     *
     * @throws InvalidTraceException naming the file and the problem
     */
    static TraceManifest read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidTraceException(
                    file,
                    "not found: not a trace directory, or its recording was killed before it"
                            + " finished");
        } catch (IOException e) {
            throw new InvalidTraceException(file, "cannot be read: " + e.getMessage());
        }
        try {
            return MAPPER.readValue(bytes, TraceManifest.class);
        } catch (IOException e) {
            StreamReadException syntax = syntaxError(e);
            if (syntax != null) {
                JsonLocation at = syntax.getLocation();
                throw new InvalidTraceException(
                        file,
                        "not valid JSON: "
                                + firstLine(syntax.getOriginalMessage())
                                + (at == null
                                        ? ""
                                        : " (line "
                                                + at.getLineNr()
                                                + ", column "
                                                + at.getColumnNr()
                                                + ")"));
            }
            if (e instanceof JsonMappingException m) {
                throw new InvalidTraceException(
                        file, "not a valid manifest: " + problem(m) + path(m));
            }
            throw new InvalidTraceException(file, "cannot be read: " + e.getMessage());
        }
    }

    private static StreamReadException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException s) {
                return s;
            }
        }
        return null;
    }

    private static String problem(JsonMappingException e) {
        String m = firstLine(e.getOriginalMessage());
        Matcher missing = MISSING.matcher(m);
        if (missing.lookingAt()) {
            return "field '" + missing.group(1) + "' is missing";
        }
        int semicolon = m.indexOf("; `");
        return semicolon > 0 ? m.substring(0, semicolon) : m;
    }

    /** Where in the document: {@code (at topics[0].files[1].records)}. */
    private static String path(JsonMappingException e) {
        StringBuilder p = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                p.append(p.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                p.append('[').append(r.getIndex()).append(']');
            }
        }
        return p.length() == 0 ? "" : " (at " + p + ")";
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "unknown problem";
        }
        String line = m.lines().findFirst().orElse(m);
        int marker = line.indexOf(" (start marker at");
        return marker > 0 ? line.substring(0, marker) : line;
    }
}

package dev.mtasts.core.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads one YAML file into a tree of records, strictly: unknown keys fail with a "did you mean" suggestion, wrong
 * types fail naming the key, and every leaf key can be overridden from the environment as {@code MTASTS_} plus the
 * key path in upper case with {@code _} for {@code .} and {@code -} ({@code slack.api-url} →
 * {@code MTASTS_SLACK_API_URL}). Lists take comma-separated values. Keys are kebab-case; record components are
 * camelCase. A missing key keeps the record's default: records declare defaults by accepting {@code null} in the
 * compact constructor.
 */
public final class ConfigLoader {
    private final ObjectMapper mapper;
    private final Function<String, String> environment;

    public ConfigLoader(Function<String, String> environment) {
        this.environment = requireNonNull(environment, "environment is null");
        this.mapper = new ObjectMapper(new YAMLFactory())
                .registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    public static ConfigLoader fromSystemEnvironment() {
        return new ConfigLoader(System::getenv);
    }

    /** Loads {@code file} (absent: all defaults) with environment overrides applied. */
    public <T extends Record> T load(Optional<Path> file, Class<T> type) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        if (file.isPresent()) {
            try {
                JsonNode read = mapper.readTree(Files.readString(file.get()));
                if (read != null && !read.isNull() && !read.isMissingNode()) {
                    if (!read.isObject()) {
                        throw new ConfigException(file.get() + ": the top level must be a mapping of keys");
                    }
                    tree = (ObjectNode) read;
                }
            } catch (JsonProcessingException e) {
                throw new ConfigException(file.get() + ": not valid YAML (" + e.getOriginalMessage() + ")");
            } catch (IOException e) {
                throw new ConfigException("cannot read " + file.get() + " (" + e.getMessage() + ")");
            }
        }
        applyEnvironment(tree, type, "");
        try {
            return mapper.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            String key = path(e.getPath());
            String suggestion = closest(e.getPropertyName(), e.getKnownPropertyIds())
                    .map(known -> "; did you mean '" + known + "'?")
                    .orElse("");
            throw new ConfigException("unknown configuration key '" + key + "'" + suggestion);
        } catch (InvalidFormatException e) {
            throw new ConfigException("configuration key '" + path(e.getPath()) + "': '" + e.getValue()
                    + "' is not a valid " + e.getTargetType().getSimpleName());
        } catch (MismatchedInputException e) {
            throw new ConfigException("configuration key '" + path(e.getPath()) + "' has the wrong type ("
                    + e.getOriginalMessage() + ")");
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ConfigException("invalid configuration: " + cause.getMessage());
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ConfigException("invalid configuration: " + cause.getMessage());
        }
    }

    /** The environment variable that overrides {@code keyPath}, e.g. {@code MTASTS_SLACK_API_URL}. */
    public static String environmentName(String keyPath) {
        return "MTASTS_" + keyPath.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private void applyEnvironment(ObjectNode node, Class<?> type, String prefix) {
        for (RecordComponent component : type.getRecordComponents()) {
            String key = kebab(component.getName());
            String keyPath = prefix.isEmpty() ? key : prefix + "." + key;
            Class<?> componentType = component.getType();
            if (componentType.isRecord()) {
                JsonNode child = node.get(key);
                ObjectNode object = child instanceof ObjectNode existing ? existing : null;
                if (object == null) {
                    object = JsonNodeFactory.instance.objectNode();
                    applyEnvironment(object, componentType, keyPath);
                    if (!object.isEmpty()) {
                        node.set(key, object);
                    }
                } else {
                    applyEnvironment(object, componentType, keyPath);
                }
                continue;
            }
            String value = environment.apply(environmentName(keyPath));
            if (value == null) {
                continue;
            }
            if (Collection.class.isAssignableFrom(componentType) || isOptionalOfList(component.getGenericType())) {
                ArrayNode array = node.putArray(key);
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        array.add(part.strip());
                    }
                }
            } else {
                node.put(key, value);
            }
        }
    }

    private static boolean isOptionalOfList(Type type) {
        return type instanceof ParameterizedType parameterized
                && parameterized.getRawType() == Optional.class
                && parameterized.getActualTypeArguments()[0] instanceof ParameterizedType inner
                && inner.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw);
    }

    static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String path(List<com.fasterxml.jackson.databind.JsonMappingException.Reference> references) {
        List<String> parts = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                parts.add(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                parts.add("[" + reference.getIndex() + "]");
            }
        }
        return String.join(".", parts).replace(".[", "[");
    }

    static Optional<String> closest(String unknown, Collection<Object> known) {
        return known.stream()
                .map(String::valueOf)
                .map(candidate -> Map.entry(candidate, distance(unknown.toLowerCase(Locale.ROOT), candidate)))
                .filter(entry -> entry.getValue() <= Math.max(2, unknown.length() / 3))
                .min(Comparator.comparingInt(Map.Entry::getValue))
                .map(Map.Entry::getKey);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

package dev.crmkit.scoring;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmkit.scoring.base.DuplicateStrategyException;
import dev.crmkit.scoring.base.InvalidConfigurationException;
import dev.crmkit.scoring.base.ProviderLoadException;
import dev.crmkit.scoring.base.UnknownStrategyException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of scoring strategies, found with {@link ServiceLoader}: the built-in ones and
 * any plugin on the class path, all the same way. Immutable and thread-safe once loaded.
 *
 * <pre>{@code
 * ScoringEngine engine = ScoringEngine.load();
 * engine.ids();                                              // [abc, customer-type, rfm, ...]
 * ScoringStrategy abc = engine.strategy("abc", "{\"thresholds\": [0.7, 0.9]}");
 * ScoringStrategy any = engine.fromJson("{\"strategy\": \"rfm\", \"config\": {\"bins\": 4}}");
 * ScoringStrategy rfm = engine.configured("rfm", new RfmConfig(4, null, null)); // no JSON
 * }</pre>
 *
 * <p>Loading fails loudly: a provider that cannot be loaded ({@link ProviderLoadException}) or
 * two providers with one id ({@link DuplicateStrategyException}). An unknown id gives {@link
 * UnknownStrategyException}; a bad configuration {@link InvalidConfigurationException}.
 */
public final class ScoringEngine {

  private static final Logger LOG = LoggerFactory.getLogger(ScoringEngine.class);
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final Pattern NOT_FOUND = Pattern.compile("Provider (\\S+) not found");

  /** Made on first use: a strategy configured in code needs none of Jackson's classes. */
  private static final class Json {
    static final ObjectMapper MAPPER =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
  }

  private final Map<String, ScoringStrategyProvider<?>> providers;

  private ScoringEngine(Map<String, ScoringStrategyProvider<?>> providers) {
    this.providers = providers;
  }

  /** Loads the providers visible to the thread's context class loader (or this class's). */
  public static ScoringEngine load() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return load(loader != null ? loader : ScoringEngine.class.getClassLoader());
  }

  /**
   * Loads the providers visible to a class loader.
   *
   * @throws ProviderLoadException when a provider cannot be loaded or declares a bad id
   * @throws DuplicateStrategyException when two providers have one id
   */
  @SuppressWarnings("rawtypes")
  public static ScoringEngine load(ClassLoader loader) {
    requireNonNull(loader, "loader");
    Map<String, ScoringStrategyProvider<?>> found = new TreeMap<>();
    Iterator<ServiceLoader.Provider<ScoringStrategyProvider>> it =
        ServiceLoader.load(ScoringStrategyProvider.class, loader).stream().iterator();
    while (true) {
      ServiceLoader.Provider<ScoringStrategyProvider> candidate;
      try {
        if (!it.hasNext()) {
          break;
        }
        candidate = it.next();
      } catch (ServiceConfigurationError e) {
        Matcher m = NOT_FOUND.matcher(String.valueOf(e.getMessage()));
        String name = m.find() ? m.group(1) : "(unnamed)";
        throw new ProviderLoadException(name, "could not be loaded: " + e.getMessage(), e);
      }
      String className = candidate.type().getName();
      ScoringStrategyProvider<?> provider;
      try {
        provider = candidate.get();
      } catch (ServiceConfigurationError e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        throw new ProviderLoadException(
            className, "could not be instantiated: " + describe(cause), cause);
      }
      String id;
      try {
        id = provider.id();
        requireNonNull(provider.configType(), "configType()");
      } catch (RuntimeException e) {
        throw new ProviderLoadException(className, "failed while declaring itself: " + describe(e), e);
      }
      if (id == null || !ID.matcher(id).matches()) {
        throw new ProviderLoadException(
            className,
            "declares the id '" + id + "'; an id is lower-case letters, digits and single hyphens,"
                + " starting with a letter",
            null);
      }
      ScoringStrategyProvider<?> previous = found.putIfAbsent(id, provider);
      if (previous != null) {
        throw new DuplicateStrategyException(id, previous.getClass().getName(), className);
      }
      LOG.debug("scoring strategy '{}' from {}", id, className);
    }
    return new ScoringEngine(Map.copyOf(found));
  }

  private static String describe(Throwable e) {
    return e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** The ids of the strategies, sorted. */
  public List<String> ids() {
    return List.copyOf(new TreeMap<>(providers).keySet());
  }

  /**
   * The provider of a strategy id.
   *
   * @throws UnknownStrategyException listing the known ids
   */
  public ScoringStrategyProvider<?> provider(String id) {
    requireNonNull(id, "id");
    ScoringStrategyProvider<?> provider = providers.get(id);
    if (provider == null) {
      throw new UnknownStrategyException(id, ids());
    }
    return provider;
  }

  /** The strategy with its default configuration. */
  public ScoringStrategy strategy(String id) {
    return strategy(id, NullNode.getInstance());
  }

  /**
   * The strategy configured from JSON (an object; missing fields take their defaults).
   *
   * @throws InvalidConfigurationException naming the field, the value and what is allowed
   */
  public ScoringStrategy strategy(String id, String configJson) {
    requireNonNull(configJson, "configJson");
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(configJson);
    } catch (JsonProcessingException e) {
      throw new InvalidConfigurationException("(document)", "the text", "well-formed JSON ("
          + e.getOriginalMessage() + ")").in(id, null);
    }
    return strategy(id, node == null ? NullNode.getInstance() : node);
  }

  /** The strategy configured from a JSON tree; null or a JSON null means the defaults. */
  public ScoringStrategy strategy(String id, @Nullable JsonNode config) {
    return create(provider(id), config);
  }

  /**
   * A strategy from a document naming it: {@code {"strategy": "<id>", "config": {...}}}, the
   * config being optional.
   */
  public ScoringStrategy fromJson(String json) {
    requireNonNull(json, "json");
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidConfigurationException(
          "(document)", "the text", "well-formed JSON (" + e.getOriginalMessage() + ")");
    }
    if (!(node instanceof ObjectNode)) {
      throw new InvalidConfigurationException(
          "(document)", node, "an object {\"strategy\": \"<id>\", \"config\": {...}}");
    }
    List<String> extra = new ArrayList<>();
    node.fieldNames().forEachRemaining(
        name -> {
          if (!name.equals("strategy") && !name.equals("config")) {
            extra.add(name);
          }
        });
    if (!extra.isEmpty()) {
      throw new InvalidConfigurationException(
          extra.get(0), "a field", "only \"strategy\" and \"config\" at the top level");
    }
    JsonNode strategy = node.get("strategy");
    if (strategy == null || !strategy.isTextual()) {
      throw new InvalidConfigurationException(
          "strategy", strategy, "the id of a strategy, one of " + ids());
    }
    return strategy(strategy.asText(), node.get("config"));
  }

  /**
   * The strategy with a configuration made in code: an instance of its provider's {@link
   * ScoringStrategyProvider#configType()}, such as {@code new RfmConfig(4, null, null)}. No JSON
   * is involved.
   *
   * @throws InvalidConfigurationException when the configuration is of another type, or the
   *     provider refuses it
   */
  public ScoringStrategy configured(String id, Object config) {
    requireNonNull(config, "config");
    return createTyped(provider(id), config);
  }

  private <C> ScoringStrategy createTyped(ScoringStrategyProvider<C> provider, Object config) {
    Class<C> type = provider.configType();
    if (!type.isInstance(config)) {
      throw new InvalidConfigurationException(
          "(config)", "a " + config.getClass().getName(), "a " + type.getName())
          .in(provider.id(), null);
    }
    return build(provider, type.cast(config));
  }

  private <C> ScoringStrategy create(ScoringStrategyProvider<C> provider, JsonNode node) {
    C config;
    if (node == null || node.isNull() || node.isMissingNode()) {
      config = provider.defaultConfig();
    } else {
      config = readConfig(provider.id(), provider.configType(), node);
    }
    return build(provider, config);
  }

  private static <C> ScoringStrategy build(ScoringStrategyProvider<C> provider, C config) {
    try {
      return provider.create(config);
    } catch (InvalidConfigurationException e) {
      throw e.strategyId() == null ? e.in(provider.id(), null) : e;
    }
  }

  private static <C> C readConfig(String id, Class<C> type, JsonNode node) {
    try {
      return Json.MAPPER.treeToValue(node, type);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause();
      while (cause != null && !(cause instanceof InvalidConfigurationException)) {
        cause = cause.getCause();
      }
      if (cause != null) {
        throw ((InvalidConfigurationException) cause).in(id, objectPath(e));
      }
      throw new InvalidConfigurationException(
          path(e), "the value", "a valid " + e.getType().getRawClass().getSimpleName() + " ("
              + e.getOriginalMessage() + ")").in(id, null);
    } catch (UnrecognizedPropertyException e) {
      List<String> known = new ArrayList<>();
      if (e.getKnownPropertyIds() != null) {
        e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      }
      known.sort(null);
      throw new InvalidConfigurationException(
          path(e), "an unknown field", "one of " + known).in(id, null);
    } catch (InvalidFormatException e) {
      throw new InvalidConfigurationException(
          path(e), e.getValue(), typeName(e.getTargetType())).in(id, null);
    } catch (MismatchedInputException e) {
      throw new InvalidConfigurationException(
          path(e), "the value", typeName(e.getTargetType()) + " (" + e.getOriginalMessage() + ")")
          .in(id, null);
    } catch (JsonProcessingException e) {
      throw new InvalidConfigurationException(
          path(e), "the value", "valid input (" + e.getOriginalMessage() + ")").in(id, null);
    } catch (InvalidConfigurationException e) {
      throw e.in(id, null);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException("(document)", "the value", e.getMessage()).in(id, null);
    }
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "a value of the right type";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object c : type.getEnumConstants()) {
        names.add(c.toString());
      }
      return "one of " + names;
    }
    return "a " + type.getSimpleName();
  }

  private static String path(JsonProcessingException e) {
    if (e instanceof JsonMappingException) {
      return path(((JsonMappingException) e).getPath(), ((JsonMappingException) e).getPath().size());
    }
    return "(document)";
  }

  /** The path of the object whose constructor failed (the last reference names its field). */
  private static String objectPath(JsonMappingException e) {
    return path(e.getPath(), e.getPath().size());
  }

  private static String path(List<JsonMappingException.Reference> refs, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      JsonMappingException.Reference r = refs.get(i);
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "(document)" : sb.toString();
  }
}

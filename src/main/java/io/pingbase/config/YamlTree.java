package io.pingbase.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns YAML text into a {@link ConfigNode} tree that remembers line and column of every value.
 *
 * <p>The tree is built straight from SnakeYAML's parser events, without its composer: the
 * composer's node graph keeps two position objects and a list per node, several times the size
 * of our tree, and it would be alive next to our tree while we convert (a file of 100,000
 * monitors needed about 650 MB). So this class does what the composer did: it resolves anchors
 * and aliases (an alias shares the node built for its anchor, which is safe because the tree is
 * immutable), tells empty values and merge keys from text the way SnakeYAML's resolver does, and
 * enforces the composer's limits. No Java object is ever constructed from a tag.
 *
 * <p>Hostile input is bounded at every step: the text length, the nesting depth as written and
 * the number of aliases to maps and lists; then, because an alias stands for a copy of what it
 * names, the number of values and the depth once aliases are expanded (a "billion laughs" file is
 * small and parses fast, it is the expansion that explodes). Each anchor records the size and
 * height of its expansion, so an alias is counted in constant time and nothing is copied. Repeated
 * keys are reported with both positions.
 *
 * <p>Also here: merge keys ({@code <<: *defaults}; keys written in the map win over merged ones)
 * and {@code ${ENV}} substitution in scalar values (never in keys).
 */
final class YamlTree {
  /** 32 MB of text: a generated config of 100,000 monitors is about 10 MB. */
  static final int MAX_CODE_POINTS = 32 * 1024 * 1024;
  static final int MAX_ALIASES = 1_000;
  static final int MAX_NESTING = 50;
  static final int MAX_EXPANDED_DEPTH = 100;
  static final int MAX_EXPANDED_NODES = 4_000_000;

  /**
   * Equal texts share one String, since a large file repeats the same keys and values (types,
   * intervals, ports) many times. Bounded, so that a file of unique texts does not grow the table
   * without end; long texts rarely repeat and are not shared.
   */
  private static final int MAX_SHARED_STRINGS = 16_384;
  private static final int MAX_SHARED_LENGTH = 64;

  /** Up to this many keys, a map finds a repeated key by scanning; larger maps get a hash index. */
  private static final int MAX_SCANNED_KEYS = 16;

  private static final String MERGE_KEY = "<<";

  private final Parser parser;
  private final String source;
  private final Function<String, String> environment;
  private final Problems problems;
  private final Map<String, Anchor> anchors = new HashMap<>();
  private final Map<String, String> shared = new HashMap<>();

  /**
   * The children read so far of every collection being built, innermost last: one growing array
   * for the whole document instead of a list per collection, which is copied into an exactly
   * sized immutable list when the collection ends.
   */
  private final ArrayList<Object> pending = new ArrayList<>();

  /** Values so far, aliases expanded. */
  private int nodes;
  /** The deepest expanded depth reached since the innermost collection began; gives an anchor its height. */
  private int deepest;
  /** Nodes open as written (an alias adds none), counted as SnakeYAML's composer counts them. */
  private int nesting;
  private int collectionAliases;

  private YamlTree(Parser parser, String source, Function<String, String> environment, Problems problems) {
    this.parser = parser;
    this.source = source;
    this.environment = environment;
    this.problems = problems;
  }

  /** The tree, or null after reporting why there is none; an empty document is a {@link ConfigNull}. */
  static ConfigNode parse(String text, String source, Function<String, String> environment, Problems problems) {
    if (text.length() > MAX_CODE_POINTS) { // chars >= code points: a cheap early refusal
      problems.add(null, "", tooLarge());
      return null;
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    Parser parser = new ParserImpl(new StreamReader(text), options());
    try {
      return new YamlTree(parser, source, environment, problems).document();
    } catch (Refused e) {
      problems.add(e.at, e.path, e.getMessage());
      return null;
    } catch (MarkedYAMLException e) {
      problems.add(location(source, e.getProblemMark()), "", syntaxMessage(e, source));
      return null;
    } catch (YAMLException e) {
      problems.add(null, "", limitMessage(e));
      return null;
    }
  }

  /** The options the parser reads; the composer's limits (aliases, nesting) are enforced by this class. */
  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setProcessComments(false);
    return options;
  }

  private ConfigNode document() {
    parser.getEvent(); // stream start
    if (parser.checkEvent(Event.ID.StreamEnd)) {
      return new ConfigNull(null); // no document at all: empty, or only comments
    }
    parser.getEvent(); // document start
    ConfigNode root = node("", 0);
    parser.getEvent(); // document end
    if (!parser.checkEvent(Event.ID.StreamEnd)) {
      throw new Refused(at(parser.peekEvent().getStartMark()), "", "a config file holds one YAML document; "
          + "remove the second \"---\" and what follows it, or merge the two");
    }
    return root;
  }

  /**
   * Reads the next node from the events.
   *
   * @param depth its depth in the tree once aliases are expanded (the root is 0)
   */
  private ConfigNode node(String path, int depth) {
    Event event = parser.getEvent();
    if (event instanceof AliasEvent alias) {
      Anchor anchor = anchor(alias);
      if (anchor.node == null) {
        throw new Refused(anchor.location(source), path,
            "an alias refers to a map or list that contains it; recursive structures are not allowed");
      }
      expand(anchor.size, depth + anchor.height, alias.getStartMark(), path);
      return anchor.node;
    }
    checkNesting();
    return switch (event) {
      case ScalarEvent scalar -> scalar(scalar, path, depth);
      case SequenceStartEvent start -> sequence(start, path, depth, false);
      case MappingStartEvent start -> mapping(start, path, depth);
      default -> throw new IllegalStateException("unexpected YAML event " + event);
    };
  }

  private ConfigNode scalar(ScalarEvent event, String path, int depth) {
    Mark mark = event.getStartMark();
    expand(1, depth, mark, path);
    Tag tag = tag(event.getTag(), mark, path);
    boolean empty = tag == null ? isPlain(event) && isNullText(event.getValue()) : tag.equals(Tag.NULL);
    ConfigNode node;
    if (empty) {
      node = new ConfigNull(source, line(mark), column(mark));
    } else {
      String text = event.getValue();
      try {
        text = EnvSubstitution.apply(text, environment);
      } catch (IllegalArgumentException e) {
        problems.add(at(mark), path, e.getMessage());
      }
      node = new ConfigScalar(share(text), source, line(mark), column(mark));
    }
    if (event.getAnchor() != null) {
      Anchor anchor = new Anchor(null, line(mark), column(mark), event.getValue(), isMergeKey(event, tag));
      anchor.done(node, 1, 0);
      anchors.put(event.getAnchor(), anchor);
    }
    return node;
  }

  /**
   * @param mergeSources a list after {@code <<}: its maps are read as if written in the map they
   *                     merge into, so errors in them carry that map's path, not an index
   */
  private ConfigList sequence(SequenceStartEvent start, String path, int depth, boolean mergeSources) {
    Mark mark = start.getStartMark();
    tag(start.getTag(), mark, path);
    Anchor anchor = open(start.getAnchor(), "list", mark);
    int nodesBefore = nodes;
    int deepestOutside = deepest;
    int self = mergeSources ? 0 : 1; // a list after << is not a value of the tree
    expand(self, depth, mark, path);
    deepest = depth;
    nesting++;
    int first = pending.size();
    for (int i = 0; !parser.checkEvent(Event.ID.SequenceEnd); i++) {
      pending.add(node(mergeSources ? path : path + "[" + i + "]", depth + 1));
    }
    parser.getEvent();
    nesting--;
    ConfigList list = new ConfigList(take(first), source, line(mark), column(mark));
    if (anchor != null) {
      anchor.done(list, nodes - nodesBefore + 1 - self, deepest - depth); // an alias to it is a whole list
    }
    deepest = Math.max(deepest, deepestOutside);
    return list;
  }

  private ConfigNode mapping(MappingStartEvent start, String path, int depth) {
    Mark mark = start.getStartMark();
    tag(start.getTag(), mark, path);
    Anchor anchor = open(start.getAnchor(), "map", mark);
    int nodesBefore = nodes;
    int deepestOutside = deepest;
    expand(1, depth, mark, path);
    deepest = depth;
    nesting++;
    int first = pending.size();
    Map<String, ConfigMap.Entry> index = null; // by key, once the map is too large to scan
    Map<String, ConfigMap.Entry> merged = null; // from << keys, in order; the first to give a key wins
    while (!parser.checkEvent(Event.ID.MappingEnd)) {
      Key key = key(path, depth);
      if (key.merge()) {
        merged = merge(path, depth, merged == null ? new LinkedHashMap<>() : merged);
        continue;
      }
      if (key.text() == null) {
        node(path, depth + 1); // the key was reported; its value is still read, for the anchors in it
        continue;
      }
      String childPath = path.isEmpty() ? key.text() : path + "." + key.text();
      ConfigMap.Entry earlier = index != null ? index.get(key.text()) : scan(first, key.text());
      if (earlier != null) {
        problems.add(key.location(source), childPath,
            "duplicate key; first set at " + where(earlier.keyLocation()));
        node(childPath, depth + 1); // skipped, but read: an alias later on may name an anchor in it
        continue;
      }
      ConfigMap.Entry entry = new ConfigMap.Entry(key.text(), source, key.line(), key.column(),
          node(childPath, depth + 1));
      pending.add(entry);
      if (index != null) {
        index.put(entry.key(), entry);
      } else if (pending.size() - first > MAX_SCANNED_KEYS) {
        index = new HashMap<>();
        for (int i = first; i < pending.size(); i++) {
          ConfigMap.Entry written = (ConfigMap.Entry) pending.get(i);
          index.put(written.key(), written);
        }
      }
    }
    parser.getEvent();
    nesting--;
    if (merged != null) {
      int written = pending.size();
      for (ConfigMap.Entry entry : merged.values()) {
        boolean writtenHere = index != null
            ? index.containsKey(entry.key())
            : scan(first, written, entry.key()) != null;
        if (!writtenHere) {
          pending.add(entry);
        }
      }
    }
    ConfigMap map = new ConfigMap(take(first), source, line(mark), column(mark));
    if (anchor != null) {
      anchor.done(map, nodes - nodesBefore, deepest - depth);
    }
    deepest = Math.max(deepest, deepestOutside);
    return map;
  }

  /** A key as written; {@code text} is null for a key that is not text (reported). */
  private record Key(String text, int line, int column, boolean merge) {
    static final Key NOT_TEXT = new Key(null, 0, 0, false);

    Location location(String source) {
      return Location.of(source, line, column);
    }
  }

  /**
   * Reads the key of a map entry. Keys are not values of the tree: they are neither substituted
   * nor counted, except when a key must be read as a value: an anchored key (an alias may use it
   * as a value) and a key that is a map or a list (to report it, and for the anchors in it).
   */
  private Key key(String path, int depth) {
    Event event = parser.peekEvent();
    if (event instanceof ScalarEvent scalar) {
      checkNesting();
      Mark mark = scalar.getStartMark();
      if (scalar.getAnchor() != null) {
        // An alias to a key is a value like any other: build the node for it (and only then).
        scalar(scalar, path, depth + 1);
      }
      parser.getEvent();
      Tag tag = tag(scalar.getTag(), mark, path);
      return new Key(share(scalar.getValue()), line(mark), column(mark), isMergeKey(scalar, tag));
    }
    if (event instanceof AliasEvent alias) {
      parser.getEvent();
      Anchor anchor = anchor(alias);
      if (anchor.collection == null) {
        return new Key(anchor.keyText, anchor.line, anchor.column, anchor.mergeKey);
      }
      problems.add(anchor.location(source), path, "a key must be plain text, not a " + anchor.collection);
      return Key.NOT_TEXT;
    }
    ConfigNode node = node(path, depth + 1);
    problems.add(Nodes.location(node), path,
        "a key must be plain text, not a " + (node instanceof ConfigMap ? "map" : "list"));
    return Key.NOT_TEXT;
  }

  /**
   * {@code <<: *a} or {@code <<: [*a, *b]}: adds the entries of the named maps to {@code into}
   * unless a map before gave the key, as YAML specifies. The maps count as values of the map they
   * merge into, at the depth of its values; a list that holds them is not a value of its own.
   */
  private Map<String, ConfigMap.Entry> merge(String path, int depth, Map<String, ConfigMap.Entry> into) {
    List<ConfigNode> sources;
    Event next = parser.peekEvent();
    if (next instanceof SequenceStartEvent start) {
      parser.getEvent();
      checkNesting();
      sources = sequence(start, path, depth, true).items();
    } else if (next instanceof AliasEvent alias && anchors.get(alias.getAnchor()) instanceof Anchor named
        && "list".equals(named.collection) && named.node != null) {
      parser.getEvent();
      anchor(alias); // counted against the alias limit
      // The maps of the list count as if written here: its size without the list, its height less one.
      expand(named.size - 1, depth + named.height, alias.getStartMark(), path);
      sources = ((ConfigList) named.node).items();
    } else {
      sources = List.of(node(path, depth + 1));
    }
    for (ConfigNode source : sources) {
      if (!(source instanceof ConfigMap map)) {
        problems.add(Nodes.location(source), path,
            "<< must be followed by a map or a list of maps (e.g. <<: *defaults)");
        continue;
      }
      for (ConfigMap.Entry entry : map.entries()) {
        into.putIfAbsent(entry.key(), entry);
      }
    }
    return into;
  }

  /** The anchor an alias names; refuses an unknown name and too many aliases to maps and lists. */
  private Anchor anchor(AliasEvent alias) {
    String name = alias.getAnchor();
    Anchor anchor = anchors.get(name);
    if (anchor == null) {
      throw new Refused(at(alias.getStartMark()), "", "invalid YAML: found undefined alias " + name
          + " (an anchor &" + name + " must come before the aliases *" + name + " that use it)");
    }
    if (anchor.collection != null && ++collectionAliases > MAX_ALIASES) {
      throw new Refused(null, "", "more than " + MAX_ALIASES
          + " aliases to maps or lists; refused (this limit stops alias bombs)");
    }
    return anchor;
  }

  /**
   * Registers the anchor of a collection before its children are read, so that an alias inside
   * it is recognised as recursive.
   */
  private Anchor open(String name, String collection, Mark mark) {
    if (name == null) {
      return null;
    }
    Anchor anchor = new Anchor(collection, line(mark), column(mark), null, false);
    anchors.put(name, anchor); // a later anchor of the same name replaces it, as in YAML
    return anchor;
  }

  /**
   * Counts {@code size} more values, the deepest of them at {@code reach}, as if an alias were
   * copied out: the limits stop alias bombs without the tree ever being expanded.
   */
  private void expand(int size, int reach, Mark mark, String path) {
    nodes += size; // cannot overflow: both are at most MAX_EXPANDED_NODES
    if (nodes > MAX_EXPANDED_NODES) {
      throw new Refused(null, "", "the document has more than " + MAX_EXPANDED_NODES
          + " values once aliases are expanded; refused (an alias bomb, or anchors reused far too often)");
    }
    if (reach > MAX_EXPANDED_DEPTH) {
      throw new Refused(at(mark), path, "nested deeper than " + MAX_EXPANDED_DEPTH
          + " levels once aliases are expanded; refused");
    }
    deepest = Math.max(deepest, reach);
  }

  /** As SnakeYAML's composer: a node is refused when more than the limit are open around it. */
  private void checkNesting() {
    if (nesting > MAX_NESTING) {
      throw new Refused(null, "", "nested deeper than " + MAX_NESTING + " levels; refused");
    }
  }

  /**
   * The explicit tag of a node, or null when it has none and its type follows from how it is
   * written. A global tag naming anything but a standard type ({@code !!java.lang.Runtime}) is
   * refused outright, as SnakeYAML's composer does; a local tag ({@code !env}) is reported.
   */
  private Tag tag(String name, Mark mark, String path) {
    if (name == null || name.equals("!")) {
      return null;
    }
    Tag tag = new Tag(name);
    if (tag.isCustomGlobal()) {
      throw new Refused(at(mark), "", "invalid YAML: Global tag is not allowed: " + name);
    }
    if (!tag.getValue().startsWith(Tag.PREFIX)) {
      problems.add(at(mark), path,
          "unsupported YAML tag " + tag.getValue() + "; to read the environment write ${VARIABLE}");
    }
    return tag;
  }

  /** A plain scalar without a tag: its type comes from its text ({@code ~} is empty, {@code "~"} is text). */
  private static boolean isPlain(ScalarEvent event) {
    return event.getImplicit().canOmitTagInPlainScalar();
  }

  /** What SnakeYAML's resolver reads as null in a plain scalar: nothing, {@code ~}, {@code null}. */
  private static boolean isNullText(String text) {
    return text.isEmpty() || (text.length() <= 4 && Resolver.NULL.matcher(text).matches());
  }

  private static boolean isMergeKey(ScalarEvent event, Tag tag) {
    return tag == null ? isPlain(event) && event.getValue().equals(MERGE_KEY) : tag.equals(Tag.MERGE);
  }

  /** The entry for {@code key} among the entries pending from {@code first}, or null. */
  private ConfigMap.Entry scan(int first, String key) {
    return scan(first, pending.size(), key);
  }

  private ConfigMap.Entry scan(int first, int end, String key) {
    for (int i = first; i < end; i++) {
      ConfigMap.Entry entry = (ConfigMap.Entry) pending.get(i);
      if (entry.key().equals(key)) {
        return entry;
      }
    }
    return null;
  }

  /** Removes the children pending from {@code first} on and returns them as an immutable list. */
  @SuppressWarnings("unchecked")
  private <T> List<T> take(int first) {
    List<Object> children = pending.subList(first, pending.size());
    List<T> taken = (List<T>) List.copyOf(children);
    children.clear();
    return taken;
  }

  private String share(String text) {
    if (text.length() > MAX_SHARED_LENGTH) {
      return text;
    }
    String known = shared.get(text);
    if (known != null) {
      return known;
    }
    if (shared.size() < MAX_SHARED_STRINGS) {
      shared.put(text, text);
    }
    return text;
  }

  /**
   * What an anchor names. A collection's anchor is registered when the collection begins and
   * completed when it ends; an alias meeting it incomplete is inside what it names.
   */
  private static final class Anchor {
    /** {@code "map"} or {@code "list"}; null for a scalar. */
    final String collection;
    final int line;
    final int column;
    /** A scalar's text as written, for an alias used as a key: keys are never substituted. */
    final String keyText;
    final boolean mergeKey;
    /** Null until the node is complete. */
    ConfigNode node;
    /** Values in the node once the aliases within it are expanded. */
    int size;
    /** Levels below the node once the aliases within it are expanded. */
    int height;

    Anchor(String collection, int line, int column, String keyText, boolean mergeKey) {
      this.collection = collection;
      this.line = line;
      this.column = column;
      this.keyText = keyText;
      this.mergeKey = mergeKey;
    }

    void done(ConfigNode node, int size, int height) {
      this.node = node;
      this.size = size;
      this.height = height;
    }

    Location location(String source) {
      return new Location(source, line, column);
    }
  }

  private static int line(Mark mark) {
    return mark.getLine() + 1;
  }

  private static int column(Mark mark) {
    return mark.getColumn() + 1;
  }

  private Location at(Mark mark) {
    return location(source, mark);
  }

  private static Location location(String source, Mark mark) {
    return mark == null ? null : new Location(source, line(mark), column(mark));
  }

  private static String where(Location location) {
    return location == null ? "another place" : "line " + location.line() + ", column " + location.column();
  }

  private static String syntaxMessage(MarkedYAMLException e, String source) {
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    StringBuilder message = new StringBuilder("invalid YAML: ").append(problem);
    if (e.getContext() != null) {
      message.append(" (").append(e.getContext());
      Location context = location(source, e.getContextMark());
      if (context != null) {
        message.append(" at ").append(where(context));
      }
      message.append(')');
    }
    if (problem.contains("<block end>") || problem.contains("mapping values are not allowed")) {
      message.append("; check the indentation and that a \": \" inside a value is quoted");
    }
    return message.toString();
  }

  /** SnakeYAML reports its limits without a position; say which limit and why it exists. */
  private static String limitMessage(YAMLException e) {
    String raw = String.valueOf(e.getMessage());
    if (raw.contains("code points")) {
      return tooLarge();
    }
    return "invalid YAML: " + raw;
  }

  private static String tooLarge() {
    return "larger than " + MAX_CODE_POINTS / (1024 * 1024) + " MB; refused (a config file is far smaller; "
        + "this limit stops a wrong or hostile file from exhausting memory)";
  }

  /** Input refused as a whole; unwinds the parse at once. */
  private static final class Refused extends RuntimeException {
    final transient Location at;
    final String path;

    Refused(Location at, String path, String message) {
      super(message, null, false, false);
      this.at = at;
      this.path = path;
    }
  }
}

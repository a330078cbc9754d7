package io.pingbase.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns YAML text into a {@link ConfigNode} tree that remembers line and column of every value.
 *
 * <p>SnakeYAML only composes its node graph here; it never constructs Java objects, so no tag can
 * instantiate a class. Hostile input is bounded at every step: the text length, the nesting depth
 * and the number of aliases while composing; then, because an alias is a reference that the tree
 * copies, the number of nodes and the depth after expansion (a "billion laughs" file is small and
 * composes fast, it is the expansion that explodes). SnakeYAML's own duplicate-key check lives in
 * its constructor, which compose skips, so repeated keys are detected here, with both positions.
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

  private final String source;
  private final Function<String, String> environment;
  private final Problems problems;
  private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
  private int nodes;

  private YamlTree(String source, Function<String, String> environment, Problems problems) {
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
    Node root;
    try {
      root = new Yaml(new SafeConstructor(options())).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      problems.add(location(source, e.getProblemMark()), "", syntaxMessage(e, source));
      return null;
    } catch (YAMLException e) {
      problems.add(null, "", limitMessage(e));
      return null;
    }
    if (root == null) {
      return new ConfigNull(null);
    }
    YamlTree tree = new YamlTree(source, environment, problems);
    try {
      return tree.convert(root, "", 0);
    } catch (Refused e) {
      problems.add(e.at, e.path, e.getMessage());
      return null;
    }
  }

  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false); // enforced below as well: compose does not check
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setMergeOnCompose(false);
    options.setProcessComments(false);
    return options;
  }

  private ConfigNode convert(Node node, String path, int depth) {
    if (++nodes > MAX_EXPANDED_NODES) {
      throw new Refused(null, "", "the document has more than " + MAX_EXPANDED_NODES
          + " values once aliases are expanded; refused (an alias bomb, or anchors reused far too often)");
    }
    if (depth > MAX_EXPANDED_DEPTH) {
      throw new Refused(at(node), path, "nested deeper than " + MAX_EXPANDED_DEPTH
          + " levels once aliases are expanded; refused");
    }
    if (!inProgress.add(node)) {
      throw new Refused(at(node), path, "an alias refers to a map or list that contains it; "
          + "recursive structures are not allowed");
    }
    try {
      Tag tag = node.getTag();
      if (!tag.getValue().startsWith(Tag.PREFIX)) {
        problems.add(at(node), path, "unsupported YAML tag " + tag.getValue()
            + "; to read the environment write ${VARIABLE}");
      }
      return switch (node) {
        case ScalarNode scalar -> scalar(scalar, path);
        case SequenceNode sequence -> sequence(sequence, path, depth);
        case MappingNode mapping -> mapping(mapping, path, depth);
        default -> throw new IllegalStateException("unknown YAML node " + node.getNodeId());
      };
    } finally {
      inProgress.remove(node);
    }
  }

  private ConfigNode scalar(ScalarNode scalar, String path) {
    if (scalar.getTag().equals(Tag.NULL)) {
      return new ConfigNull(at(scalar));
    }
    String text = scalar.getValue();
    try {
      text = EnvSubstitution.apply(text, environment);
    } catch (IllegalArgumentException e) {
      problems.add(at(scalar), path, e.getMessage());
    }
    return new ConfigScalar(text, at(scalar));
  }

  private ConfigNode sequence(SequenceNode sequence, String path, int depth) {
    List<Node> children = sequence.getValue();
    List<ConfigNode> items = new ArrayList<>(children.size());
    for (int i = 0; i < children.size(); i++) {
      items.add(convert(children.get(i), path + "[" + i + "]", depth + 1));
    }
    return new ConfigList(items, at(sequence));
  }

  private ConfigNode mapping(MappingNode mapping, String path, int depth) {
    Map<String, ConfigMap.Entry> written = new LinkedHashMap<>();
    Map<String, ConfigMap.Entry> merged = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      Node valueNode = tuple.getValueNode();
      if (keyNode.getTag().equals(Tag.MERGE)) {
        merge(valueNode, path, depth, merged);
        continue;
      }
      if (!(keyNode instanceof ScalarNode keyScalar)) {
        problems.add(at(keyNode), path, "a key must be plain text, not a "
            + (keyNode instanceof MappingNode ? "map" : "list"));
        continue;
      }
      String key = keyScalar.getValue();
      String childPath = path.isEmpty() ? key : path + "." + key;
      ConfigMap.Entry first = written.get(key);
      if (first != null) {
        problems.add(at(keyNode), childPath, "duplicate key; first set at " + where(first.keyLocation()));
        continue;
      }
      written.put(key, new ConfigMap.Entry(key, at(keyNode), convert(valueNode, childPath, depth + 1)));
    }
    List<ConfigMap.Entry> entries = new ArrayList<>(written.values());
    for (ConfigMap.Entry entry : merged.values()) {
      if (!written.containsKey(entry.key())) {
        entries.add(entry);
      }
    }
    return new ConfigMap(entries, at(mapping));
  }

  /** {@code <<: *a} or {@code <<: [*a, *b]}; the first map to give a key wins, as YAML specifies. */
  private void merge(Node value, String path, int depth, Map<String, ConfigMap.Entry> into) {
    List<Node> sources = value instanceof SequenceNode list ? list.getValue() : List.of(value);
    for (Node source : sources) {
      if (!(source instanceof MappingNode)) {
        problems.add(at(source), path, "<< must be followed by a map or a list of maps (e.g. <<: *defaults)");
        continue;
      }
      ConfigNode converted = convert(source, path, depth + 1);
      for (ConfigMap.Entry entry : ((ConfigMap) converted).entries()) {
        into.putIfAbsent(entry.key(), entry);
      }
    }
  }

  private Location at(Node node) {
    return location(source, node.getStartMark());
  }

  private static Location location(String source, Mark mark) {
    return mark == null ? null : new Location(source, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static String where(Location location) {
    return location == null ? "another place" : "line " + location.line() + ", column " + location.column();
  }

  private static String syntaxMessage(MarkedYAMLException e, String source) {
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    if (problem.contains("found another document")) {
      return "a config file holds one YAML document; remove the second \"---\" and what follows it, "
          + "or merge the two";
    }
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
    if (raw.contains("Number of aliases")) {
      return "more than " + MAX_ALIASES + " aliases to maps or lists; refused (this limit stops alias bombs)";
    }
    if (raw.contains("Nesting Depth")) {
      return "nested deeper than " + MAX_NESTING + " levels; refused";
    }
    if (raw.contains("code points")) {
      return tooLarge();
    }
    return "invalid YAML: " + raw;
  }

  private static String tooLarge() {
    return "larger than " + MAX_CODE_POINTS / (1024 * 1024) + " MB; refused (a config file is far smaller; "
        + "this limit stops a wrong or hostile file from exhausting memory)";
  }

  /** Input refused as a whole; unwinds the conversion at once. */
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

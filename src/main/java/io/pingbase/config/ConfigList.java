package io.pingbase.config;

import java.util.List;

/** A sequence of nodes. */
record ConfigList(List<ConfigNode> items, Location location) implements ConfigNode {
  ConfigList {
    items = List.copyOf(items);
  }
}

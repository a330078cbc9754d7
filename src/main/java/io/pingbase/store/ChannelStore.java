package io.pingbase.store;

import java.util.List;

/** Alert channels created through the API, each kept as the JSON document the API took. */
public interface ChannelStore {

  /** A stored channel: its name and its JSON document. */
  record StoredChannel(String name, String spec) {}

  /** Every stored channel, by name. */
  List<StoredChannel> list();

  /** Inserts or replaces the channel of this name. */
  void save(String name, String spec);

  /** False when there was none. */
  boolean delete(String name);
}

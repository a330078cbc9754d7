package io.pingbase.config;

/** An explicit empty value ({@code key:} with nothing after it, {@code ~}, {@code null}). */
record ConfigNull(Location location) implements ConfigNode {}

package io.wplive.proxy.normalize.ical;

import java.util.ArrayList;
import java.util.List;

/** One {@code BEGIN:…}/{@code END:…} block with its own properties and nested blocks. */
final class RawComponent {
  private final String name;
  private final List<RawProperty> properties = new ArrayList<>();
  private final List<RawComponent> children = new ArrayList<>();

  RawComponent(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  List<RawProperty> properties() {
    return properties;
  }

  List<RawComponent> children() {
    return children;
  }

  /** The first property called {@code propertyName}, or {@code null}. */
  RawProperty first(String propertyName) {
    for (RawProperty p : properties) {
      if (p.name().equals(propertyName)) {
        return p;
      }
    }
    return null;
  }

  /** The first property's value, or {@code null}. */
  String value(String propertyName) {
    RawProperty p = first(propertyName);
    return p == null ? null : p.value();
  }

  List<RawProperty> all(String propertyName) {
    List<RawProperty> out = new ArrayList<>();
    for (RawProperty p : properties) {
      if (p.name().equals(propertyName)) {
        out.add(p);
      }
    }
    return out;
  }
}

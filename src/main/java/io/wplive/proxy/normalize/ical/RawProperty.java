package io.wplive.proxy.normalize.ical;

import java.util.Map;

/**
 * One content line as written: name, parameters and the raw value. Values are interpreted here rather
 * than by ical4j's property model, whose date handling goes through a time-zone registry that may
 * download definitions and registers global zone providers on every parse.
 *
 * @param name upper-cased
 * @param params upper-cased names; values without their surrounding quotes
 * @param value the value after unfolding, still escaped
 */
record RawProperty(String name, Map<String, String> params, String value) {
  RawProperty {
    params = Map.copyOf(params);
    value = value == null ? "" : value;
  }

  /** A parameter's value, or {@code null}. */
  String param(String paramName) {
    return params.get(paramName);
  }
}

package io.wplive.proxy.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * The types a mapped field can be given. A value that cannot take its type converts to {@code null}
 * (the caller counts a warning); {@code null} and missing values stay {@code null} without a warning,
 * and so do empty strings for the non-string types: an empty CSV cell or XML element means "no
 * value", not a bad one.
 */
enum FieldType {
  /** No type given: the value as the upstream sent it. */
  AS_IS("value"),
  STRING("string"),
  NUMBER("number"),
  INTEGER("integer"),
  BOOLEAN("boolean"),
  DATETIME("datetime");

  /**
   * Larger numbers are refused: {@code 1e999999999} is a few bytes of input but a billion digits when
   * written in plain notation.
   */
  static final int MAX_NUMBER_DIGITS = 1000;

  private final String label;

  FieldType(String label) {
    this.label = label;
  }

  /** @param type the config's type name, or {@code null} for no conversion */
  static FieldType of(String type) {
    return type == null ? AS_IS : valueOf(type.toUpperCase(Locale.ROOT));
  }

  /** For messages: "is not a valid number". */
  String label() {
    return label;
  }

  /** Marks a value that exists but cannot take the type. */
  static final JsonNode INVALID = JsonSupport.NODES.missingNode();

  /**
   * @param value never {@code null}: a missing value is a {@code NullNode}
   * @return the converted value, {@code NullNode} for "no value", or {@link #INVALID}
   */
  JsonNode convert(JsonNode value) {
    if (this == AS_IS || value.isNull()) {
      return value;
    }
    if (this != STRING && PointerPath.isBlankText(value)) {
      return JsonSupport.NODES.nullNode();
    }
    return switch (this) {
      case STRING -> toStringNode(value);
      case NUMBER -> toNumber(value);
      case INTEGER -> toInteger(value);
      case BOOLEAN -> toBoolean(value);
      case DATETIME -> DateTimeValues.parse(value)
          .<JsonNode>map(t -> JsonSupport.NODES.textNode(DateTimeValues.format(t)))
          .orElse(INVALID);
      case AS_IS -> value;
    };
  }

  private static JsonNode toStringNode(JsonNode v) {
    if (v.isTextual()) {
      return v;
    }
    if (v.isBigDecimal()) {
      return JsonSupport.NODES.textNode(v.decimalValue().toPlainString());
    }
    if (v.isFloatingPointNumber()) {
      // a double made by the transform: "10000000000", not Java's "1.0E10"
      BigDecimal d = decimal(v);
      return d == null ? INVALID : JsonSupport.NODES.textNode(d.toPlainString());
    }
    if (v.isNumber() || v.isBoolean()) {
      return JsonSupport.NODES.textNode(v.asText());
    }
    return INVALID;
  }

  private static JsonNode toNumber(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v;
    }
    BigDecimal d = decimal(v);
    return d == null ? INVALID : JsonSupport.NODES.numberNode(d);
  }

  private static JsonNode toInteger(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v;
    }
    BigDecimal d = decimal(v);
    if (d == null) {
      return INVALID;
    }
    try {
      // 42.0 is an integer, 42.5 is not: rounding would silently change the value
      BigInteger i = d.stripTrailingZeros().toBigIntegerExact();
      return JsonSupport.NODES.numberNode(i);
    } catch (ArithmeticException e) {
      return INVALID;
    }
  }

  /** The exact decimal a number or numeric string holds, or {@code null}. */
  private static BigDecimal decimal(JsonNode v) {
    BigDecimal d;
    if (v.isBigDecimal()) {
      d = v.decimalValue();
    } else if (v.isFloatingPointNumber()) {
      double x = v.doubleValue();
      if (Double.isNaN(x) || Double.isInfinite(x)) {
        return null;
      }
      d = BigDecimal.valueOf(x);
    } else if (v.isTextual()) {
      String s = v.textValue().trim();
      if (s.length() > MAX_NUMBER_DIGITS) {
        return null;
      }
      try {
        d = new BigDecimal(s);
      } catch (NumberFormatException e) {
        return null;
      }
    } else {
      return null;
    }
    if (d.precision() > MAX_NUMBER_DIGITS || Math.abs((long) d.scale()) > MAX_NUMBER_DIGITS) {
      return null;
    }
    return d;
  }

  private static JsonNode toBoolean(JsonNode v) {
    if (v.isBoolean()) {
      return v;
    }
    if (v.isIntegralNumber()) {
      BigInteger i = v.bigIntegerValue();
      if (i.equals(BigInteger.ONE)) {
        return JsonSupport.NODES.booleanNode(true);
      }
      return i.signum() == 0 ? JsonSupport.NODES.booleanNode(false) : INVALID;
    }
    if (v.isTextual()) {
      switch (v.textValue().trim().toLowerCase(Locale.ROOT)) {
        case "true", "1", "yes" -> {
          return JsonSupport.NODES.booleanNode(true);
        }
        case "false", "0", "no" -> {
          return JsonSupport.NODES.booleanNode(false);
        }
        default -> {
          return INVALID;
        }
      }
    }
    return INVALID;
  }
}

package io.parley.agent.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** Writes attributes as OTLP/JSON {@code KeyValue} lists of {@code AnyValue}s. */
final class OtlpJsonAttributes {

  private OtlpJsonAttributes() {}

  /** Writes {@code attributes} as the KeyValue list {@code field}; nothing when empty. */
  static void write(JsonGenerator json, String field, Attributes attributes)
      throws IOException {
    if (attributes == null || attributes.isEmpty()) {
      return;
    }
    json.writeArrayFieldStart(field);
    for (Map.Entry<AttributeKey<?>, Object> attribute : attributes.asMap().entrySet()) {
      json.writeStartObject();
      json.writeStringField("key", attribute.getKey().getKey());
      json.writeFieldName("value");
      writeAttributeValue(json, attribute.getKey(), attribute.getValue());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** Writes an OTLP {@code AnyValue}. */
  private static void writeAttributeValue(JsonGenerator json, AttributeKey<?> key, Object value)
      throws IOException {
    json.writeStartObject();
    switch (key.getType()) {
      case STRING:
        json.writeStringField("stringValue", (String) value);
        break;
      case BOOLEAN:
        json.writeBooleanField("boolValue", (Boolean) value);
        break;
      case LONG:
        json.writeStringField("intValue", value.toString());
        break;
      case DOUBLE:
        json.writeFieldName("doubleValue");
        writeDouble(json, (Double) value);
        break;
      case STRING_ARRAY:
      case BOOLEAN_ARRAY:
      case LONG_ARRAY:
      case DOUBLE_ARRAY:
        json.writeObjectFieldStart("arrayValue");
        json.writeArrayFieldStart("values");
        for (Object element : (List<?>) value) {
          writeArrayElement(json, key, element);
        }
        json.writeEndArray();
        json.writeEndObject();
        break;
      case VALUE:
        writeValueFields(json, (Value<?>) value);
        break;
    }
    json.writeEndObject();
  }

  private static void writeArrayElement(JsonGenerator json, AttributeKey<?> arrayKey, Object element)
      throws IOException {
    json.writeStartObject();
    switch (arrayKey.getType()) {
      case STRING_ARRAY:
        json.writeStringField("stringValue", (String) element);
        break;
      case BOOLEAN_ARRAY:
        json.writeBooleanField("boolValue", (Boolean) element);
        break;
      case LONG_ARRAY:
        json.writeStringField("intValue", element.toString());
        break;
      default:
        json.writeFieldName("doubleValue");
        writeDouble(json, (Double) element);
        break;
    }
    json.writeEndObject();
  }

  /** The fields of an {@code AnyValue} for the API's structured {@link Value}. */
  @SuppressWarnings("unchecked")
  private static void writeValueFields(JsonGenerator json, Value<?> value) throws IOException {
    switch (value.getType()) {
      case STRING:
        json.writeStringField("stringValue", (String) value.getValue());
        break;
      case BOOLEAN:
        json.writeBooleanField("boolValue", (Boolean) value.getValue());
        break;
      case LONG:
        json.writeStringField("intValue", value.getValue().toString());
        break;
      case DOUBLE:
        json.writeFieldName("doubleValue");
        writeDouble(json, (Double) value.getValue());
        break;
      case BYTES:
        ByteBuffer bytes = ((ByteBuffer) value.getValue()).duplicate();
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        json.writeFieldName("bytesValue");
        json.writeBinary(copy); // base64, as the proto JSON mapping wants for bytes
        break;
      case ARRAY:
        json.writeObjectFieldStart("arrayValue");
        json.writeArrayFieldStart("values");
        for (Value<?> element : (List<Value<?>>) value.getValue()) {
          json.writeStartObject();
          writeValueFields(json, element);
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        break;
      case KEY_VALUE_LIST:
        json.writeObjectFieldStart("kvlistValue");
        json.writeArrayFieldStart("values");
        for (KeyValue entry : (List<KeyValue>) value.getValue()) {
          json.writeStartObject();
          json.writeStringField("key", entry.getKey());
          json.writeObjectFieldStart("value");
          writeValueFields(json, entry.getValue());
          json.writeEndObject();
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        break;
      case EMPTY:
        break; // an empty AnyValue is {}
    }
  }

  // JSON has no NaN or infinities; the proto JSON mapping spells them as strings.
  private static void writeDouble(JsonGenerator json, double value) throws IOException {
    if (Double.isNaN(value)) {
      json.writeString("NaN");
    } else if (Double.isInfinite(value)) {
      json.writeString(value > 0 ? "Infinity" : "-Infinity");
    } else {
      json.writeNumber(value);
    }
  }
}

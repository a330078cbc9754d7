package io.pingbase.web.page;

/** What a form's input ({@code input.jte}) shows: the value of each field and the error next to it. */
public interface FieldState {
  /** The field's value as typed or stored; "" for none. */
  String value(String field);

  /** What is wrong with the field, or null. */
  String error(String field);

  default boolean invalid(String field) {
    return error(field) != null;
  }
}

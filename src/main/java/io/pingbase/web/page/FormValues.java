package io.pingbase.web.page;

import io.javalin.http.Context;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simple form of a settings page: its fields as typed, and the errors of a refusal by field.
 * Passwords and other secrets are never among the values: a refused form shows them empty.
 *
 * @param values field name → value as typed
 * @param errors field name → what is wrong with it ({@code "(body)"}: the form as a whole)
 */
public record FormValues(Map<String, String> values, Map<String, String> errors) implements FieldState {
  public static final FormValues EMPTY = new FormValues(Map.of(), Map.of());

  public FormValues {
    values = Map.copyOf(values);
    errors = Map.copyOf(errors);
  }

  /** The named fields of {@code ctx}'s form, trimmed. */
  static FormValues of(Context ctx, String... fields) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String f : fields) {
      String v = Forms.field(ctx, f);
      if (v != null) {
        values.put(f, v);
      }
    }
    return new FormValues(values, Map.of());
  }

  /** These values with the errors of {@code refusal}. */
  FormValues refused(RuntimeException refusal) {
    return new FormValues(values, Forms.errors(refusal));
  }

  @Override
  public String value(String field) {
    return values.getOrDefault(field, "");
  }

  @Override
  public String error(String field) {
    return errors.get(field);
  }

  /** Errors of fields other than {@code shown}: shown above the form. */
  public List<String> otherErrors(Collection<String> shown) {
    return Forms.otherErrors(errors, shown::contains);
  }

  /** Every error: for a form whose fields show none of their own. */
  public List<String> allErrors() {
    return otherErrors(List.of());
  }
}

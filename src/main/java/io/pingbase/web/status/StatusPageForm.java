package io.pingbase.web.status;

import java.util.List;
import java.util.Map;

/**
 * The status page editor's form: what was typed (or stored), the choices, and the errors next to
 * their fields. The form shows sections as chosen groups (one section each, titled by the group
 * unless the page titled it otherwise) and chosen single monitors (one section); the API sets any
 * other layout, which the form then keeps.
 *
 * @param slug     the page being changed; null for a new page
 * @param groups   the workspace's groups and whether the page shows each
 * @param monitors the workspace's monitors (id, name) and whether the page lists each
 * @param kept     true when the page's sections are laid out in a way this form cannot show (it keeps them)
 */
public record StatusPageForm(String slug, Map<String, String> values, Map<String, String> errors, List<Choice> groups,
    List<Choice> monitors, boolean passwordSet, boolean hasLogo, boolean kept) {

  /** A checkbox: its value, its label, whether it is ticked. */
  public record Choice(String value, String label, boolean chosen) {}

  public boolean editing() {
    return slug != null;
  }

  public String value(String field) {
    return values.getOrDefault(field, "");
  }

  public boolean is(String field, String value) {
    return value.equals(values.get(field));
  }

  public boolean invalid(String field) {
    return errors.containsKey(field);
  }

  public String error(String field) {
    return errors.get(field);
  }

  /** Errors of fields the form has no place for (a plan limit, a taken slug). */
  public List<String> otherErrors() {
    return errors.entrySet().stream().filter(e -> !FIELDS.contains(e.getKey()) && !e.getKey().startsWith("sections"))
        .map(e -> e.getKey().equals("(body)") ? e.getValue() : e.getKey() + ": " + e.getValue()).toList();
  }

  /** Errors of the sections (a monitor that does not exist...). */
  public List<String> sectionErrors() {
    return errors.entrySet().stream().filter(e -> e.getKey().startsWith("sections"))
        .map(e -> e.getKey() + ": " + e.getValue()).toList();
  }

  static final List<String> FIELDS = List.of("slug", "title", "description", "visibility", "password", "domain",
      "show-targets", "logo", "accent", "footer", "time-zone", "theme", "monitors-title");
}

package dev.mtasts.checks.record;

/**
 * One {@code name=value} field of a tag-value TXT record, as written.
 *
 * @param name the field name, case preserved
 * @param value the value as written (for a URI list, the whole list)
 * @param position the 1-based character position of the name in the record
 * @param valueWellFormed false when the value holds a character its grammar does not allow
 */
public record TagField(String name, String value, int position, boolean valueWellFormed) {

    /** The field as written, {@code name=value}. */
    public String text() {
        return name + "=" + value;
    }
}

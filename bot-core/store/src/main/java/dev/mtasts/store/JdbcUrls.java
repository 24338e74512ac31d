package dev.mtasts.store;

import java.util.regex.Pattern;

/** JDBC URLs fit for messages and logs. */
final class JdbcUrls {
    private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");

    private JdbcUrls() {}

    /** The URL without its query, parameters or user info, which may carry a password. */
    static String redact(String url) {
        String cut = url;
        for (char separator : new char[] {'?', ';'}) {
            int index = cut.indexOf(separator);
            if (index >= 0) {
                cut = cut.substring(0, index);
            }
        }
        return USER_INFO.matcher(cut).replaceFirst("//");
    }
}

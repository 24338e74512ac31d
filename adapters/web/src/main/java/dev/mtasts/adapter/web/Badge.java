package dev.mtasts.adapter.web;

/** A flat status badge: "MTA-STS | pass" in the status's colour. */
final class Badge {
    private Badge() {}

    static String svg(String status) {
        String colour =
                switch (status) {
                    case "pass" -> "#2e7d32";
                    case "warn" -> "#ef6c00";
                    case "fail" -> "#c62828";
                    default -> "#757575";
                };
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"20\" role=\"img\""
                + " aria-label=\"MTA-STS: " + status + "\"><title>MTA-STS: " + status + "</title>"
                + "<rect width=\"60\" height=\"20\" fill=\"#555\"/><rect x=\"60\" width=\"60\" height=\"20\" fill=\""
                + colour + "\"/><g fill=\"#fff\" font-family=\"Verdana,sans-serif\" font-size=\"11\""
                + " text-anchor=\"middle\"><text x=\"30\" y=\"14\">MTA-STS</text><text x=\"90\" y=\"14\">" + status
                + "</text></g></svg>";
    }
}

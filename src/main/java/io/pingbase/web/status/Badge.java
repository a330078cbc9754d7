package io.pingbase.web.status;

/**
 * A shields.io-style flat badge as SVG: a grey label and a coloured message, sized to their text
 * (Verdana 11 px widths, as shields.io measures). Text is escaped; the SVG has no script and no
 * external reference.
 */
public final class Badge {
  public static final String GREEN = "#4c1";
  public static final String YELLOW = "#dfb317";
  public static final String ORANGE = "#fe7d37";
  public static final String RED = "#e05d44";
  public static final String BLUE = "#007ec6";
  public static final String GREY = "#9f9f9f";

  private Badge() {}

  public static String svg(String label, String message, String colour) {
    int lw = width(label) + 10;
    int mw = width(message) + 10;
    int total = lw + mw;
    String l = StatusFeed.xml(label);
    String m = StatusFeed.xml(message);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + total + "\" height=\"20\" role=\"img\" aria-label=\""
        + l + ": " + m + "\"><title>" + l + ": " + m + "</title>"
        + "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>"
        + "<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
        + "<clipPath id=\"r\"><rect width=\"" + total + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
        + "<g clip-path=\"url(#r)\"><rect width=\"" + lw + "\" height=\"20\" fill=\"#555\"/><rect x=\"" + lw
        + "\" width=\"" + mw + "\" height=\"20\" fill=\"" + colour + "\"/><rect width=\"" + total
        + "\" height=\"20\" fill=\"url(#s)\"/></g>"
        + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">"
        + text(lw / 2.0, l) + text(lw + mw / 2.0, m) + "</g></svg>";
  }

  private static String text(double x, String t) {
    String at = x == Math.rint(x) ? Integer.toString((int) x) : Double.toString(x);
    return "<text x=\"" + at + "\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">" + t + "</text><text x=\"" + at
        + "\" y=\"14\">" + t + "</text>";
  }

  /** The text's width in Verdana 11 px, close enough to lay the badge out. */
  static int width(String s) {
    double w = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      w += switch (c) {
        case 'i', 'l', 'j', '\'', '|', '.', ',', ':', ';', '!' -> 3.1;
        case 'f', 't', 'r', 'I', ' ', '(', ')', '[', ']', '/', '-' -> 4.6;
        case 'm', 'w', 'M', 'W', '%', '@' -> 10.7;
        default -> Character.isUpperCase(c) ? 7.5 : Character.isDigit(c) ? 7.0 : 6.6;
      };
    }
    return (int) Math.ceil(w);
  }
}

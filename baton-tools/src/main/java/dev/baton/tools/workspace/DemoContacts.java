package dev.baton.tools.workspace;

/**
 * The demo address book: the Tevuot team, and people whose names collide or nearly collide with
 * Yoav's (another Yoav Cohen, Yoav Levi, Yoel Cohen), in Hebrew and English.
 */
final class DemoContacts {
  static final String YOAV = "yoav.cohen@tevuot.co.il";
  static final String NOA = "noa.barak@tevuot.co.il";
  static final String DANA = "dana.katz@tevuot.co.il";

  private DemoContacts() {}

  static final String VCF = String.join("\r\n",
      card("demo-yoav-cohen", "יואב כהן", "כהן;יואב;;;", YOAV, "+972-52-555-0101", "תבואות",
          "מנהל פרויקט תבואות"),
      card("demo-yoav-cohen-2", "Yoav Cohen", "Cohen;Yoav;;;", "yoav.c@startup.example",
          "+972-54-555-0199", "Startup Ltd", "Met at a conference"),
      card("demo-yoav-levi", "Yoav Levi", "Levi;Yoav;;;", "yoav.levi@levidesign.example",
          "+972-50-555-0142", "Levi Design", "Graphic designer"),
      card("demo-yoel-cohen", "יואל כהן", "כהן;יואל;;;", "yoel.cohen@cpa.example",
          "+972-3-555-0177", "רואה חשבון", ""),
      card("demo-noa-barak", "Noa Barak", "Barak;Noa;;;", NOA, "+972-52-555-0123", "Tevuot",
          "Product lead"),
      card("demo-dana-katz", "דנה כץ", "כץ;דנה;;;", DANA, "+972-52-555-0131", "תבואות",
          "תקציב ורכש"),
      card("demo-michal-avraham", "Michal Avraham", "Avraham;Michal;;;",
          "michal@orchard.example", "+972-58-555-0155", "Orchard Analytics", ""),
      card("demo-david-mizrahi", "דוד מזרחי", "מזרחי;דוד;;;", "david.mizrahi@example.com",
          "+972-52-555-0166", "", "שכן")) + "\r\n";

  private static String card(String uid, String fn, String n, String email, String tel,
      String org, String note) {
    StringBuilder sb = new StringBuilder();
    sb.append("BEGIN:VCARD\r\nVERSION:3.0\r\n");
    sb.append("UID:").append(uid).append("\r\n");
    sb.append("FN:").append(fn).append("\r\n");
    sb.append("N:").append(n).append("\r\n");
    sb.append("EMAIL;TYPE=INTERNET:").append(email).append("\r\n");
    sb.append("TEL;TYPE=CELL:").append(tel).append("\r\n");
    if (!org.isEmpty()) {
      sb.append("ORG:").append(org).append("\r\n");
    }
    if (!note.isEmpty()) {
      sb.append("NOTE:").append(note).append("\r\n");
    }
    return sb.append("END:VCARD").toString();
  }
}

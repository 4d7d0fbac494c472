package dev.baton.tools.workspace;

import dev.baton.tools.AgentsConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;

/**
 * Creates the demo workspace of the seed scenario: December documents of the Tevuot project
 * (.md, .txt, .docx, .pdf; Hebrew and English), an address book with colliding names, and a
 * calendar with busy times next week relative to {@code today}. Existing files are left alone.
 */
public final class DemoWorkspace {
  private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
  private static final ZoneId ZONE = AgentsConfig.DEFAULT_ZONE;

  private DemoWorkspace() {}

  /** Writes the demo into {@code workspace}; returns the files it created. */
  public static List<Path> create(Path workspace, LocalDate today) {
    int year = today.getMonthValue() == 12 ? today.getYear() : today.getYear() - 1;
    List<Path> created = new ArrayList<>();
    try {
      for (DemoDocuments.Doc doc : DemoDocuments.all()) {
        String path = doc.path().replace("{Y}", Integer.toString(year));
        String text = doc.text().replace("{Y}", Integer.toString(year));
        Path file = workspace.resolve(path);
        if (Files.exists(file)) {
          continue;
        }
        Files.createDirectories(file.getParent());
        byte[] bytes = path.endsWith(".docx") ? docx(text)
            : path.endsWith(".pdf") ? pdf(text) : text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, bytes);
        Matcher m = DATE.matcher(text);
        if (m.find()) {
          Files.setLastModifiedTime(file, FileTime.from(LocalDate.parse(m.group())
              .atTime(17, 0).atZone(ZONE).toInstant()));
        }
        created.add(file);
      }
      created.addAll(writeIfMissing(workspace.resolve(AgentsConfig.VCF_FILE), DemoContacts.VCF));
      created.addAll(writeIfMissing(workspace.resolve(AgentsConfig.ICS_FILE), calendar(today)));
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the demo workspace in " + workspace, e);
    }
  }

  private static List<Path> writeIfMissing(Path file, String text) throws IOException {
    if (Files.exists(file)) {
      return List.of();
    }
    AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    return List.of(file);
  }

  /** The demo calendar: busy times tomorrow and next week (Sunday to Thursday), a weekly sync. */
  public static String calendar(LocalDate today) {
    LocalDate sunday = today.with(TemporalAdjusters.next(DayOfWeek.SUNDAY));
    LocalDate firstMonday = today.minusWeeks(3).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    String me = AgentsConfig.DEFAULT_OWNER;
    String yoav = DemoContacts.YOAV;
    String noa = DemoContacts.NOA;
    String dana = DemoContacts.DANA;
    StringBuilder sb = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        + "PRODID:-//Baton//Demo//EN\r\nCALSCALE:GREGORIAN\r\n");
    sb.append(event("demo-weekly-sync", "סנכרון שבועי – תבואות / Tevuot weekly sync",
        firstMonday, 10, 0, 60, me, List.of(yoav, noa), "RRULE:FREQ=WEEKLY;BYDAY=MO"));
    sb.append(event("demo-dentist", "Dentist", today.plusDays(1), 9, 0, 90, "", List.of(), ""));
    sb.append(event("demo-site-visit", "Site visit – Jezreel farms", sunday, 9, 0, 240, yoav,
        List.of(noa), ""));
    sb.append(event("demo-investors", "Investor call", sunday, 13, 0, 120, dana,
        List.of(me), ""));
    sb.append(event("demo-budget", "Budget review / סקירת תקציב", sunday.plusDays(2), 14, 0, 120,
        me, List.of(yoav, dana), ""));
    sb.append(event("demo-training", "Farmer training prep", sunday.plusDays(3), 9, 0, 180, noa,
        List.of(yoav), ""));
    sb.append(event("demo-reserve", "Reserve duty / מילואים", sunday.plusDays(4), 8, 0, 600, yoav,
        List.of(), ""));
    return sb.append("END:VCALENDAR\r\n").toString();
  }

  private static String event(String uid, String title, LocalDate day, int hour, int minute,
      int minutes, String organizer, List<String> attendees, String rule) {
    var start = day.atTime(LocalTime.of(hour, minute));
    StringBuilder sb = new StringBuilder("BEGIN:VEVENT\r\n");
    sb.append("UID:").append(uid).append("@demo.baton\r\n");
    sb.append("DTSTAMP:20250101T000000Z\r\n");
    sb.append("DTSTART;TZID=").append(ZONE.getId()).append(':').append(LOCAL.format(start))
        .append("\r\n");
    sb.append("DTEND;TZID=").append(ZONE.getId()).append(':')
        .append(LOCAL.format(start.plusMinutes(minutes))).append("\r\n");
    if (!rule.isEmpty()) {
      sb.append(rule).append("\r\n");
    }
    sb.append("SUMMARY:").append(title).append("\r\n");
    if (!organizer.isEmpty()) {
      sb.append("ORGANIZER:mailto:").append(organizer).append("\r\n");
    }
    for (String a : attendees) {
      sb.append("ATTENDEE;PARTSTAT=ACCEPTED:mailto:").append(a).append("\r\n");
    }
    return sb.append("END:VEVENT\r\n").toString();
  }

  private static byte[] docx(String text) throws IOException {
    try (XWPFDocument d = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (String line : text.strip().split("\n")) {
        XWPFParagraph p = d.createParagraph();
        p.getCTPPr().addNewBidi();
        p.createRun().setText(line.strip());
      }
      d.write(out);
      return out.toByteArray();
    }
  }

  /** A one-page PDF; the demo PDFs are in English because the standard fonts have no Hebrew. */
  private static byte[] pdf(String text) throws IOException {
    try (PDDocument d = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      d.addPage(page);
      var font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      try (PDPageContentStream s = new PDPageContentStream(d, page)) {
        s.beginText();
        s.setFont(font, 11);
        s.setLeading(16);
        s.newLineAtOffset(60, 720);
        for (String line : text.strip().split("\n")) {
          s.showText(line.strip().replace('–', '-'));
          s.newLine();
        }
        s.endText();
      }
      d.save(out);
      return out.toByteArray();
    }
  }
}

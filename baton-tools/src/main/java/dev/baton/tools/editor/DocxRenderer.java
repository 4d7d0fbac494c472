package dev.baton.tools.editor;

import dev.baton.tools.text.Folding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/**
 * Renders an outline as a Word document with Apache POI. Paragraphs with Hebrew are set right to
 * left. The idempotency key is kept in a custom property, so a retry recognises its own file.
 */
final class DocxRenderer {
  static final String KEY_PROPERTY = "baton-idempotency-key";

  private DocxRenderer() {}

  static byte[] render(Outline doc, String idempotencyKey) throws IOException {
    try (XWPFDocument d = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      d.getProperties().getCoreProperties().setTitle(doc.title());
      d.getProperties().getCustomProperties().addProperty(KEY_PROPERTY, idempotencyKey);
      paragraph(d, doc.title(), 18, true);
      if (!doc.intro().isBlank()) {
        paragraph(d, doc.intro(), 11, false);
      }
      for (var s : doc.sections()) {
        paragraph(d, s.heading(), 14, true);
        for (int i = 0; i < s.items().size(); i++) {
          paragraph(d, (i + 1) + ". " + s.items().get(i), 11, false);
        }
      }
      // why: marked as Baton's, so a search for what people did leaves it out (see BatonOutput)
      paragraph(d, dev.baton.tools.files.BatonOutput.MARKER, 7, false);
      d.write(out);
      return out.toByteArray();
    }
  }

  private static void paragraph(XWPFDocument d, String text, int size, boolean bold) {
    XWPFParagraph p = d.createParagraph();
    boolean rtl = Folding.containsHebrew(text);
    if (rtl) {
      p.getCTPPr().addNewBidi();
    }
    XWPFRun r = p.createRun();
    r.setText(text);
    r.setBold(bold);
    r.setFontSize(size);
    if (rtl) {
      r.getCTR().addNewRPr().addNewRtl();
    }
  }

  /** Whether the .docx read from {@code in} was written with this idempotency key. */
  static boolean writtenWith(InputStream in, String key) throws IOException {
    try (XWPFDocument d = new XWPFDocument(in)) {
      var prop = d.getProperties().getCustomProperties().getProperty(KEY_PROPERTY);
      return prop != null && key.equals(prop.getLpwstr());
    } catch (OLE2NotOfficeXmlFileException | org.apache.poi.ooxml.POIXMLException e) {
      return false;
    }
  }
}

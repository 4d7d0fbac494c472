package dev.baton.tools.dav;

import dev.baton.core.tool.ToolFailure;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Reads a WebDAV 207 multistatus body: each response's href and one text property. */
public final class Multistatus {
  public static final String DAV = "DAV:";
  public static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
  public static final String CARDDAV = "urn:ietf:params:xml:ns:carddav";

  private Multistatus() {}

  /** One response: the resource's href and the text of the property asked for (may be empty). */
  public record Entry(String href, String value) {}

  /** Every response's href and the text of property {@code ns}:{@code name}. */
  public static List<Entry> read(String xml, String ns, String name) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      // why: a server's answer must not make us fetch external entities
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      var doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
      List<Entry> out = new ArrayList<>();
      NodeList responses = doc.getElementsByTagNameNS(DAV, "response");
      for (int i = 0; i < responses.getLength(); i++) {
        Element r = (Element) responses.item(i);
        String href = text(r, DAV, "href");
        out.add(new Entry(href, text(r, ns, name)));
      }
      return out;
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw ToolFailure.permanent("the DAV server's answer is not valid XML: " + e.getMessage(), e);
    }
  }

  private static String text(Element parent, String ns, String name) {
    NodeList nodes = parent.getElementsByTagNameNS(ns, name);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
  }
}

package io.miglab.core.report;

import static io.miglab.core.report.ReportFixtures.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlRendererTest {
    private final String html = new HtmlRenderer(new ChartRenderer(400, 300)).render(ReportFixtures.hostile());

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hostileTextParsesBackAsTextAndNoScriptElementExists() throws Exception {
        Document doc = parse(html);
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(doc.getElementsByTagName("h1").item(0).getTextContent()).isEqualTo("Title " + HOSTILE);
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Title " + HOSTILE);
        assertThat(texts(doc, "p")).contains(HOSTILE, "Summary " + HOSTILE);
        assertThat(texts(doc, "td")).contains(HOSTILE, "x|y", "pass", "FAIL");
        assertThat(texts(doc, "th")).contains("name " + HOSTILE);
        assertThat(texts(doc, "code")).contains("SELECT '{noformat}' || '```' FROM t_x WHERE a = '<script>'");
    }

    @Test
    void itIsSelfContainedWithTheChartsEmbeddedAsPngs() throws Exception {
        Document doc = parse(html);
        // Nothing fetched: no stylesheet link, no image or script from elsewhere.
        assertThat(html).doesNotContain("<link", "src=\"http", "url(");
        NodeList images = doc.getElementsByTagName("img");
        assertThat(images.getLength()).isEqualTo(1);
        String src = ((Element) images.item(0)).getAttribute("src");
        assertThat(src).startsWith("data:image/png;base64,");
        var image = ImageIO.read(
                new ByteArrayInputStream(Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()))));
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isEqualTo(300);
        assertThat(doc.getElementsByTagName("style").getLength()).isEqualTo(1);
    }

    private static List<String> texts(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }
}

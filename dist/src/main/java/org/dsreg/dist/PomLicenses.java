package org.dsreg.dist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What an artifact's POM, or the nearest of its parents that says, declares of its licenses and its
 * organisation, read from the local Maven repository that resolved the build (the parents are there: Maven
 * needs them to read a dependency's model).
 */
final class PomLicenses {
    /** A {@code <license>}: its name and URL (either may be empty). */
    record License(String name, String url) {
    }

    /** What the POM chain declares. */
    record Declared(String coordinates, String name, List<License> licenses, Optional<String> organization,
                    List<String> developers) {
    }

    private final Path repository;

    PomLicenses(Path repository) {
        this.repository = repository;
    }

    /** The POM of {@code groupId:artifactId:version} in the repository. */
    Path pom(String groupId, String artifactId, String version) {
        return repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version)
                .resolve(artifactId + "-" + version + ".pom");
    }

    /** The licenses (the first POM in the parent chain that lists any), organisation and developers likewise. */
    Declared read(String groupId, String artifactId, String version) throws IOException {
        String coordinates = groupId + ":" + artifactId + ":" + version;
        List<License> licenses = List.of();
        Optional<String> organization = Optional.empty();
        List<String> developers = List.of();
        String name = artifactId;
        Path pom = pom(groupId, artifactId, version);
        boolean first = true;
        for (int depth = 0; pom != null && depth < 10; depth++) {
            if (!Files.isRegularFile(pom)) {
                throw new IllegalStateException(coordinates + ": " + pom + " is not in the local repository");
            }
            Element project = parse(pom).getDocumentElement();
            if (first) {
                name = text(project, "name").filter(n -> !n.contains("${")).orElse(artifactId);
                first = false;
            }
            if (licenses.isEmpty()) {
                licenses = licenses(project);
            }
            if (organization.isEmpty()) {
                organization = child(project, "organization").flatMap(o -> text(o, "name"));
            }
            if (developers.isEmpty()) {
                developers = children(child(project, "developers"), "developer").stream()
                        .map(d -> text(d, "name").orElse("")).filter(n -> !n.isBlank()).toList();
            }
            Optional<Element> parent = child(project, "parent");
            pom = parent.isEmpty() ? null : pom(text(parent.get(), "groupId").orElseThrow(),
                    text(parent.get(), "artifactId").orElseThrow(), text(parent.get(), "version").orElseThrow());
        }
        return new Declared(coordinates, name, licenses, organization, developers);
    }

    private static List<License> licenses(Element project) {
        List<License> out = new ArrayList<>();
        for (Element l : children(child(project, "licenses"), "license")) {
            out.add(new License(text(l, "name").orElse(""), text(l, "url").orElse("")));
        }
        return out;
    }

    private static Document parse(Path pom) throws IOException {
        try (InputStream in = Files.newInputStream(pom)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            return b.parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(pom + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Element> child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getTagName())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static List<Element> children(Optional<Element> parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent.isPresent()) {
            for (Node n = parent.get().getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && name.equals(e.getTagName())) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim().replaceAll("\\s+", " "))
                .filter(t -> !t.isEmpty());
    }
}

package io.storesync.it;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM promises "every StoreSync artifact": it must list exactly the modules this build publishes, no more (an
 * artifact a host cannot resolve) and no fewer (one the BOM does not align). A module is published when it builds a
 * jar and does not set {@code maven.deploy.skip}; the modules of every profile count. Reads the poms as they are on
 * disk, so it fails the build the moment a module and the BOM drift apart.
 */
class BomListsThePublishedModulesTest {
    private static final Path ROOT = Path.of(System.getProperty("storesync.root", "..")).toAbsolutePath().normalize();
    private static final Map<String, Module> MODULES = new TreeMap<>();
    private static Element rootPom;
    private static Element bomPom;

    record Module(String directory, String artifactId, String packaging, boolean deploySkipped,
                  boolean installSkipped, boolean hasMainSources, String moduleName) {
        boolean published() {
            return !packaging.equals("pom") && !deploySkipped;
        }
    }

    @BeforeAll
    static void readPoms() throws Exception {
        rootPom = parse(ROOT.resolve("pom.xml"));
        bomPom = parse(ROOT.resolve("storesync-bom/pom.xml"));
        List<String> directories = new ArrayList<>(texts(child(rootPom, "modules"), "module"));
        Element profiles = child(rootPom, "profiles");
        if (profiles != null) {
            for (Element profile : children(profiles, "profile")) directories.addAll(texts(child(profile, "modules"), "module"));
        }
        for (String directory : directories) {
            Path dir = ROOT.resolve(directory);
            Element pom = parse(dir.resolve("pom.xml"));
            Element properties = child(pom, "properties");
            String packaging = text(pom, "packaging");
            MODULES.put(directory, new Module(directory, text(pom, "artifactId"), packaging == null ? "jar" : packaging,
                    "true".equals(text(properties, "maven.deploy.skip")),
                    "true".equals(text(properties, "maven.install.skip")),
                    hasCode(dir.resolve("src/main/java")), text(properties, "storesync.module.name")));
        }
    }

    @Test
    void theBomListsExactlyThePublishedModules() {
        TreeSet<String> published = new TreeSet<>();
        MODULES.values().stream().filter(Module::published).forEach(m -> published.add(m.artifactId()));
        TreeSet<String> inBom = new TreeSet<>();
        for (Element dependency : children(child(child(bomPom, "dependencyManagement"), "dependencies"), "dependency")) {
            assertThat(text(dependency, "groupId")).as("groupId of %s in the BOM", text(dependency, "artifactId"))
                    .isEqualTo("io.storesync");
            assertThat(text(dependency, "version")).as("version of %s in the BOM", text(dependency, "artifactId"))
                    .isEqualTo("${project.version}");
            inBom.add(text(dependency, "artifactId"));
        }
        TreeSet<String> missing = new TreeSet<>(published);
        missing.removeAll(inBom);
        TreeSet<String> unpublished = new TreeSet<>(inBom);
        unpublished.removeAll(published);
        assertThat(missing).as("published modules missing from storesync-bom").isEmpty();
        assertThat(unpublished).as("storesync-bom entries that this build does not publish").isEmpty();
        assertThat(published).as("published modules").isNotEmpty();
    }

    @Test
    void theBomHasTheBuildsVersion() {
        assertThat(text(bomPom, "groupId")).isEqualTo(text(rootPom, "groupId"));
        assertThat(text(bomPom, "version")).as("storesync-bom's version").isEqualTo(text(rootPom, "version"));
        assertThat(MODULES).as("the root pom lists storesync-bom").containsKey("storesync-bom");
    }

    @Test
    void emptyModulesAreNotPublishedNorInstalled() {
        for (Module m : MODULES.values()) {
            if (!m.packaging().equals("pom") && !m.hasMainSources()) {
                assertThat(m.deploySkipped() && m.installSkipped())
                        .as("%s has no code: it must set maven.deploy.skip and maven.install.skip", m.directory())
                        .isTrue();
            }
        }
    }

    @Test
    void everyPublishedJarNamesItsModule() {
        for (Module m : MODULES.values()) {
            if (m.published()) {
                assertThat(m.moduleName()).as("storesync.module.name (Automatic-Module-Name) of %s", m.directory())
                        .isEqualTo("io.storesync." + m.artifactId().replaceFirst("^storesync-", "").replace('-', '.'));
            }
        }
    }

    private static boolean hasCode(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (var files = Files.walk(dir)) {
            // a package-info.java alone is a placeholder, not code
            return files.anyMatch(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"));
        }
    }

    private static Element parse(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        return document.getDocumentElement();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        if (parent == null) return result;
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element e && e.getTagName().equals(name)) result.add(e);
        }
        return result;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    private static List<String> texts(Element parent, String name) {
        return children(parent, name).stream().map(e -> e.getTextContent().trim()).toList();
    }
}

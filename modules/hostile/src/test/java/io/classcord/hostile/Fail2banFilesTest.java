package io.classcord.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The fail2ban filter exists twice: the Ansible role's template (tested by Fail2banFilterTest) and
 * its copy in docs/ (shipped in the dist archive for installs without Ansible). They may differ only
 * in their first line, the header comment, or the copy would drift away from what is tested.
 */
class Fail2banFilesTest {

    @Test
    void docsCopyOfTheFilterIsTheTestedTemplate() throws IOException {
        Path repo = Path.of(System.getProperty("classcord.repo", "../.."));
        List<String> template = Files.readAllLines(
                repo.resolve("ansible/roles/classcord/templates/fail2ban-filter.conf.j2"), StandardCharsets.UTF_8);
        List<String> copy = Files.readAllLines(repo.resolve("docs/fail2ban/classcord.conf"), StandardCharsets.UTF_8);
        assertEquals(template.subList(1, template.size()), copy.subList(1, copy.size()),
                "docs/fail2ban/classcord.conf must be the role's filter template below its first line");
    }
}

package io.prow.autodeploy.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** GitHub is only the sum of its roles: every operation is declared by exactly one role, none by GitHub itself. */
class GitHubRolesTest {
    static final List<Class<?>> ROLES = List.of(BotIdentity.class, PullRequests.class, Checks.class, Comments.class,
            Labels.class, Statuses.class, Membership.class, Contents.class, GitWrites.class);

    @Test
    void everyOperationBelongsToExactlyOneRole() {
        Map<String, String> owner = new TreeMap<>();
        for (Class<?> role : ROLES) {
            for (Method m : role.getDeclaredMethods()) {
                String previous = owner.put(m.getName(), role.getSimpleName());
                assertThat(previous).as("%s is declared by %s and %s", m.getName(), previous, role.getSimpleName())
                        .isNull();
            }
        }
        assertThat(GitHub.class.getDeclaredMethods()).as("GitHub declares nothing of its own").isEmpty();
        List<String> all = Arrays.stream(GitHub.class.getMethods()).map(Method::getName).sorted().toList();
        assertThat(all).containsExactlyElementsOf(owner.keySet()).hasSize(22);
    }

    @Test
    void everyRoleIsPartOfGitHub() {
        assertThat(ROLES).allSatisfy(role -> assertThat(role).isAssignableFrom(GitHub.class));
    }
}

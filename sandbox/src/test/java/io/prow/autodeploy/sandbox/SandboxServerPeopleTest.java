package io.prow.autodeploy.sandbox;

import static io.prow.autodeploy.sandbox.SandboxFixture.BOT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohsuke.github.GHOrganization;
import org.kohsuke.github.GHPermissionType;

/** Who may do what: org and team membership and repository permission, as the authorizer asks through kohsuke. */
class SandboxServerPeopleTest {
    SandboxFixture f;

    @BeforeEach
    void start() {
        f = new SandboxFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    record Person(String login, boolean orgMember, boolean oncall, GHPermissionType permission) {
        @Override
        public String toString() {
            return login;
        }
    }

    static Stream<Person> people() {
        return Stream.of(
                new Person("alice", true, true, GHPermissionType.WRITE),
                new Person("bob", true, false, GHPermissionType.READ),
                new Person(BOT, true, false, GHPermissionType.WRITE),
                new Person("carol", false, false, GHPermissionType.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("people")
    void membershipAndPermissionComeFromTheModel(Person p) throws Exception {
        GHOrganization org = f.kohsuke.getOrganization("kubernetes");

        assertThat(org.hasMember(f.kohsuke.getUser(p.login()))).isEqualTo(p.orgMember());
        assertThat(org.getTeamBySlug("test-infra-oncall").hasMember(f.kohsuke.getUser(p.login())))
                .isEqualTo(p.oncall());
        assertThat(f.repo().getPermission(p.login())).isEqualTo(p.permission());
        assertThat(f.gh.calls()).containsEntry("isOrgMember", 1).containsEntry("isTeamMember", 1)
                .containsEntry("permission", 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("people")
    void teamMembershipBySlugAnswersActiveOrNotFound(Person p) throws Exception {
        SandboxFixture.Answer a = f.get("/orgs/kubernetes/teams/test-infra-oncall/memberships/" + p.login());

        assertThat(a.status()).isEqualTo(p.oncall() ? 200 : 404);
        assertThat(a.json().path(p.oncall() ? "state" : "message").asText()).isEqualTo(p.oncall() ? "active" : "Not Found");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("people")
    void orgMembershipIsNoContentOrNotFound(Person p) throws Exception {
        assertThat(f.get("/orgs/kubernetes/members/" + p.login()).status()).isEqualTo(p.orgMember() ? 204 : 404);
    }

    @Test
    void theAuthenticatedUserIsTheBot() throws Exception {
        assertThat(f.kohsuke.getMyself().getLogin()).isEqualTo(BOT);
        assertThat(f.kohsuke.getRateLimit().getCore().getRemaining()).isPositive();
    }
}

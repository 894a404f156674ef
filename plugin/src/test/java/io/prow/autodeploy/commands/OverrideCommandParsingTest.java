package io.prow.autodeploy.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OverrideCommandParsingTest {
    static final CommandRegistry REGISTRY = new CommandRegistry(List.of(
            new ApproveDeployCommand(null, null), new DeployNowCommand(null, null)));

    record Case(String name, String body, List<String> found) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("approve without a reason", "/approve-deploy", List.of("/approve-deploy:")),
                new Case("approve with a reason on its line only", "/approve-deploy read them\nthanks",
                        List.of("/approve-deploy:read them")),
                new Case("deploy-now with a reason", "ok\n/deploy-now hook fix  \n", List.of("/deploy-now:hook fix")),
                new Case("both in one comment", "/deploy-now\n/approve-deploy x",
                        List.of("/approve-deploy:x", "/deploy-now:")),
                new Case("quoted commands do nothing", "> /deploy-now\n```\n/approve-deploy\n```", List.of()),
                new Case("not a prefix of another word", "/deploy-nowhere\n/approve-deployment", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void finds(Case c) {
        assertThat(REGISTRY.find(c.body())).extracting(m -> m.command().spec().name() + ":" + m.args())
                .isEqualTo(c.found());
    }
}

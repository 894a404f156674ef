package io.prow.autodeploy.rollback;

import io.prow.autodeploy.config.RepoConfig;
import java.util.List;
import java.util.Map;

/** The rollback PR's description: who asked where, every file and image changed, and how it merges. */
final class RollbackPrBody {
    private RollbackPrBody() {}

    static String render(RepoConfig config, RollbackPlan plan, String requestedBy, String requestUrl) {
        StringBuilder b = new StringBuilder();
        b.append("Rolls Prow back to `").append(plan.toTag()).append("` (from `").append(plan.fromTag())
                .append("`), as @").append(requestedBy).append(" asked in ").append(requestUrl).append(".\n\n");
        b.append("Every image under ").append(codeList(config.autobump().imagePrefixes()))
                .append(" in ").append(codeList(config.autobump().paths())).append(" now uses `")
                .append(plan.toTag()).append("`: ").append(plan.imageCount()).append(" images in ")
                .append(plan.files().size()).append(" files.\n\n");
        b.append("| File | Line | Image | Tag |\n|---|---|---|---|\n");
        for (Map.Entry<String, List<ImageChange>> file : plan.changes().entrySet()) {
            for (ImageChange c : file.getValue()) {
                b.append("| `").append(file.getKey()).append("` | ").append(c.line()).append(" | `")
                        .append(c.image()).append("` | `").append(c.fromTag()).append("` → `")
                        .append(c.toTag()).append("` |\n");
            }
        }
        b.append('\n');
        if (config.rollback().merge() == RepoConfig.RollbackMerge.TIDE) {
            b.append("Tide merges this PR once its required tests pass (labelled ")
                    .append(codeList(config.merge().labels())).append("; deploy window and pacing do not apply).");
        } else {
            b.append("This PR needs the usual review and approval to merge.");
        }
        b.append("\n\nAutomatic deploys are held; comment `/hold cancel` on the autobump PR once the fix is in.\n");
        return b.toString();
    }

    private static String codeList(List<String> items) {
        return String.join(", ", items.stream().map(i -> "`" + i + "`").toList());
    }
}

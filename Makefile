# prow-autodeploy: everything a newcomer or CI runs goes through these targets.
# Maven modules (issue 15): github/ (the port, the kohsuke adapter), sandbox/ (fake GitHub, test support),
# plugin/ (what runs in the cluster: its jar and image), demo/ (make demo). `-pl <module> -am` builds a module and
# what it depends on; -Dexec.module names the one module exec:java runs in, and only plugin/ has an image (pom.xml).
MVN      ?= mvn -B
# prow.k8s.io as deployed today; CONFIG=embedded for the built-in copy of the same config.
CONFIG   ?= plugin-config.yaml
HMAC     ?= /etc/webhook/hmac
TOKEN    ?= /etc/github/oauth

.PHONY: build test deps run demo image image-check check-config simulate bench clean

build:
	$(MVN) -q package -DskipTests

# Real components the tests use are installed if missing: Alertmanager (alert tests), Chromium (status page) and
# Prometheus (rollout tests).
deps:
	@missing=""; \
	command -v prometheus-alertmanager >/dev/null 2>&1 || command -v alertmanager >/dev/null 2>&1 || missing="prometheus-alertmanager"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v prometheus >/dev/null 2>&1 || missing="$$missing prometheus"; \
	if [ -n "$$missing" ]; then echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

test: deps
	$(MVN) test

# Serve against real GitHub (dry-run by default): make run HMAC=hmac TOKEN=token (CONFIG defaults to plugin-config.yaml)
run:
	$(MVN) -q -pl plugin -am compile exec:java -Dexec.module=plugin -Dexec.args="--config-path=$(CONFIG) --hmac-secret-file=$(HMAC) --github-token-path=$(TOKEN) --dry-run=true"

# The main job on the embedded default: the plugin against a sandbox GitHub on loopback, driven like hook drives it.
# It then keeps the status page up until Ctrl-C; `make demo DEMO_ARGS=--once` exits when the script ends.
DEMO_ARGS ?=
demo:
	$(MVN) -q -pl demo -am compile exec:java -Dexec.module=demo -Dexec.args="$(DEMO_ARGS)"

check-config:
	$(MVN) -q -pl plugin -am compile exec:java -Dexec.module=plugin -Dexec.args="check-config --config-path=$(CONFIG)"

simulate:
	$(MVN) -q -pl plugin -am compile exec:java -Dexec.module=plugin -Dexec.args="simulate --config-path=$(CONFIG)"

# Container image as a tarball (plugin/target/jib-image.tar), no Docker daemon needed (Jib). The base image is pulled from a registry:
# BASE_IMAGE=<your mirror>/eclipse-temurin:17-jre where Docker Hub is not reachable.
BASE_IMAGE ?= eclipse-temurin:17-jre
image:
	$(MVN) -q -pl plugin -am package -DskipTests jib:buildTar -Dbase.image=$(BASE_IMAGE)

# CI's check of the image without any registry: the same Jib config on the built-in `scratch` base, then
# ImageConfigTest reads the tarball (entrypoint, user 65532, ports 8888/8081/9090, app layers) and
# ShippedArtifactsTest reads the plugin's jar, its runtime jars and the tarball: no sandbox or demo class.
IMAGE_REPORTS = plugin/target/surefire-reports/TEST-io.prow.autodeploy.image
image-check:
	$(MVN) -q -pl plugin -am package -DskipTests jib:buildTar -Dbase.image=scratch \
	  -Djib.outputPaths.tar=target/jib-image-scratch.tar
	rm -f $(IMAGE_REPORTS).*.xml
	$(MVN) -pl plugin -am test -Dtest='io/prow/autodeploy/image/*Test' -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dtest.groups=image -Dtest.excludedGroups=bench -Dimage.tar=$(CURDIR)/plugin/target/jib-image-scratch.tar
	@# By path: config/ImageConfigTest has the same simple name, and -Dtest=ImageConfigTest then ran nothing at all.
	@for t in ImageConfigTest ShippedArtifactsTest; do grep -q 'tests="[1-9]' $(IMAGE_REPORTS).$$t.xml 2>/dev/null \
	  || { echo "image-check: $$t did not run"; exit 1; }; done

# Figures measured side by side in one run, printed as one table (also target/bench/bench.md); ~1 min, loopback only.
# (plugin/'s tests run from the repository root, so target/bench/ is the top-level one.)
# -Xmx256m makes the run prove the whole JVM (plugin, bare server and load generator) fits in 256 MiB.
# Then the week (target/bench/week.md): 7 simulated days of a busy deploy repo (plugin/src/test/resources/bench/
# week-model.yaml) against the real plugin, and a naive one. WEEK_SCALE=10 multiplies the other PRs' traffic
# (the week is then replayed at scale 1 too, and the ratio between them printed).
WEEK_SCALE ?= 1
bench:
	$(MVN) -pl plugin -am test -Dtest='PluginBenchmark,WeekBenchmark' -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dtest.groups=bench -Dtest.excludedGroups= \
	  -DargLine="-Xmx256m -Dweek.scale=$(WEEK_SCALE)"

clean:
	$(MVN) -q clean

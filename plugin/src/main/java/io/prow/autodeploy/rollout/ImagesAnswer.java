package io.prow.autodeploy.rollout;

import java.util.Optional;

/** Prometheus' answer for one repo: the running images, or why there is none ({@code error}), or not asked. */
public record ImagesAnswer(Optional<RunningImages> images, Optional<String> error) {
    public static final ImagesAnswer NOT_ASKED = new ImagesAnswer(Optional.empty(), Optional.empty());

    public static ImagesAnswer of(RunningImages images) {
        return new ImagesAnswer(Optional.of(images), Optional.empty());
    }

    public static ImagesAnswer failed(String error) {
        return new ImagesAnswer(Optional.empty(), Optional.of(error == null ? "no answer" : error));
    }
}

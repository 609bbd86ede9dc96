package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code git clone --no-hardlinks file://...} of {@link GitRepo} (on local disk) into the run's
 * directory, then {@link Target#makeDurable} (counted); checks the checkout has the last commit's
 * files. The figure is checked-out files per second.
 */
final class GitClone implements Workload {
    private final GitRepo repo;

    GitClone(GitRepo repo) {
        this.repo = repo;
    }

    @Override
    public String key() {
        return "git-clone";
    }

    @Override
    public String title() {
        return String.format("git clone of a repository (%,d commits, %,d files, pack %s), then sync", repo.commits(),
                repo.files(), Sizes.human(repo.packBytes()));
    }

    @Override
    public String unit() {
        return "files/s";
    }

    @Override
    public double run(Target target, Path runDir) throws Exception {
        Path into = runDir.resolve("clone");
        Commands.check(3600, "git", "clone", "-q", "--no-hardlinks", "file://" + repo.path(), into.toString());
        if (!Files.isRegularFile(into.resolve(GitRepo.file(repo.files() - 1)))) {
            throw new IOException(target.name() + ": the clone lacks " + GitRepo.file(repo.files() - 1));
        }
        target.makeDurable();
        return repo.files();
    }
}

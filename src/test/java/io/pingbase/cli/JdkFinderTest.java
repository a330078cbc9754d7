package io.pingbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .mvn/jdk.sh}, which ./mvnw and ./pingbase source to find a JDK >= 21 where the default
 * java is older. The tests build fake JDK homes (a {@code release} file and an executable
 * {@code bin/javac}, all the script reads), give it a PATH holding only the tools it uses, and
 * point {@code PINGBASE_JDK_SEARCH_DIRS} at the fakes, so the machine's own JDKs do not matter.
 */
class JdkFinderTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();

  @TempDir
  Path tmp;
  Path tools;
  Path jdks;

  record Sh(int exitCode, String out, String err) {}

  @BeforeEach
  void fakeMachine() throws IOException {
    tools = Files.createDirectories(tmp.resolve("bin"));
    for (String tool : List.of("sed", "head", "readlink", "dirname", "cat", "find", "uname")) {
      Path real = which(tool);
      Files.createSymbolicLink(tools.resolve(tool), real);
    }
    jdks = Files.createDirectories(tmp.resolve("jdks"));
    fakeJdk("jdk-17", "17.0.15");
    fakeJdk("jdk-21", "21.0.9");
    fakeJdk("jdk-25", "25.0.1");
    fakeJdk("jdk-8", "1.8.0_452");
  }

  @Test
  void withoutJavaHomeTheNewestInTheSearchFoldersIsChosen() throws Exception {
    Sh sh = find(env());
    assertThat(sh.exitCode()).as(sh.err()).isZero();
    assertThat(sh.out()).isEqualTo(real("jdk-25"));
  }

  @Test
  void aJavaHomeThatIsTooOldIsPassedOver() throws Exception {
    Map<String, String> env = env();
    env.put("JAVA_HOME", jdks.resolve("jdk-17").toString());
    Sh sh = find(env);
    assertThat(sh.exitCode()).as(sh.err()).isZero();
    assertThat(sh.out()).isEqualTo(real("jdk-25"));
  }

  @Test
  void aJavaHomeThatIsNewEnoughIsKeptEvenWhenANewerOneExists() throws Exception {
    Map<String, String> env = env();
    env.put("JAVA_HOME", jdks.resolve("jdk-21").toString());
    Sh sh = find(env);
    assertThat(sh.out()).isEqualTo(jdks.resolve("jdk-21").toString());
  }

  @Test
  void aJavaHomeThatDoesNotExistIsPassedOver() throws Exception {
    Map<String, String> env = env();
    env.put("JAVA_HOME", "/nonexistent");
    assertThat(find(env).out()).isEqualTo(real("jdk-25"));
  }

  @Test
  void theJavaOnPathComesBeforeTheSearchFoldersWhenNewEnough() throws Exception {
    fakeJdk("jdk-22", "22.0.2");
    Files.createSymbolicLink(tools.resolve("java"), jdks.resolve("jdk-22/bin/java"));
    assertThat(find(env()).out()).isEqualTo(real("jdk-22"));
  }

  @Test
  void aJavaOnPathThatIsTooOldIsPassedOver() throws Exception {
    Files.createSymbolicLink(tools.resolve("java"), jdks.resolve("jdk-17/bin/java"));
    assertThat(find(env()).out()).isEqualTo(real("jdk-25"));
  }

  @Test
  void noJdkNewEnoughIsAClearError() throws Exception {
    Files.createSymbolicLink(tools.resolve("java"), jdks.resolve("jdk-17/bin/java"));
    Map<String, String> env = env();
    env.put("JAVA_HOME", jdks.resolve("jdk-17").toString());
    env.put("PINGBASE_JDK_SEARCH_DIRS", jdks.resolve("jdk-1*") + " " + jdks.resolve("jdk-8") + " /nonexistent/*");
    Sh sh = find(env);
    assertThat(sh.exitCode()).isEqualTo(1);
    assertThat(sh.out()).as("JAVA_HOME left as it was").isEqualTo(jdks.resolve("jdk-17").toString());
    assertThat(sh.err()).isEqualTo(String.join("\n",
        "PingBase needs a JDK 21 or newer; none found.",
        "  JAVA_HOME=" + jdks.resolve("jdk-17") + ": JDK 17, too old",
        "  java on PATH: " + real("jdk-17") + ": JDK 17, too old",
        "  searched: " + env.get("PINGBASE_JDK_SEARCH_DIRS"),
        "Install one (for example Temurin 21 or 25) or point JAVA_HOME at it.", ""));
  }

  @Test
  void aJreWithoutJavacIsNotAJdk() throws Exception {
    Files.delete(jdks.resolve("jdk-25/bin/javac"));
    assertThat(find(env()).out()).isEqualTo(real("jdk-21"));
  }

  @Test
  void theLauncherAndMavenWrapperStopWithTheMessageBeforeBuildingAnything() throws Exception {
    Map<String, String> env = env();
    env.put("PINGBASE_JDK_SEARCH_DIRS", jdks.resolve("jdk-17").toString());
    Sh launcher = sh(env, "exec ./pingbase check tcp://127.0.0.1:1");
    assertThat(launcher.exitCode()).isEqualTo(1);
    assertThat(launcher.out()).isEmpty();
    assertThat(launcher.err()).startsWith("PingBase needs a JDK 21 or newer; none found.")
        .doesNotContain("building");
    Sh mvnw = sh(env, "exec ./mvnw -v");
    assertThat(mvnw.exitCode()).isEqualTo(1);
    assertThat(mvnw.err()).startsWith("PingBase needs a JDK 21 or newer; none found.");
  }

  /** The machine's own layout, as the brief of the launcher promises: JDK 17 in JAVA_HOME is skipped. */
  @Test
  void onThisMachineAJavaHomeOfJdk17GivesWayToANewerJdk() throws Exception {
    Path jdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    Assumptions.assumeTrue(Files.isDirectory(jdk17), "no JDK 17 at " + jdk17 + " on this machine");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("PINGBASE_JDK_SEARCH_DIRS");
    env.put("JAVA_HOME", jdk17.toString());
    Sh sh = sh(env, ". .mvn/jdk.sh && pingbase_find_jdk && printf %s \"$JAVA_HOME\"");
    assertThat(sh.exitCode()).as(sh.err()).isZero();
    String release = Files.readString(Path.of(sh.out(), "release"));
    assertThat(release).containsPattern("JAVA_VERSION=\"(2[1-9]|[3-9]\\d)");
  }

  private Sh find(Map<String, String> env) throws Exception {
    return sh(env, ". .mvn/jdk.sh; pingbase_find_jdk; rc=$?; printf %s \"${JAVA_HOME:-}\"; exit $rc");
  }

  /** A clean environment: only the fake tools on PATH, the fake JDKs as search folders, no JAVA_HOME. */
  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", tools.toString());
    env.put("HOME", tmp.toString());
    env.put("PINGBASE_JDK_SEARCH_DIRS", jdks + "/*");
    return env;
  }

  private static Sh sh(Map<String, String> env, String script) throws IOException, InterruptedException {
    Path out = Files.createTempFile("jdk-sh", ".out");
    Path err = Files.createTempFile("jdk-sh", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script).directory(ROOT.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().clear();
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw new AssertionError("sh -c '" + script + "' did not finish within 30 s");
      }
      return new Sh(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private void fakeJdk(String name, String version) throws IOException {
    Path home = Files.createDirectories(jdks.resolve(name).resolve("bin"));
    for (String binary : List.of("java", "javac")) {
      Path file = Files.writeString(home.resolve(binary), "#!/bin/sh\nexit 0\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.writeString(jdks.resolve(name).resolve("release"),
        "IMPLEMENTOR=\"Fake\"\nJAVA_VERSION=\"" + version + "\"\nJAVA_RUNTIME_VERSION=\"" + version + "+1\"\n");
  }

  private String real(String jdk) throws IOException {
    return jdks.resolve(jdk).toRealPath().toString();
  }

  private static Path which(String tool) {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException(tool + " not found in /usr/bin or /bin");
  }
}

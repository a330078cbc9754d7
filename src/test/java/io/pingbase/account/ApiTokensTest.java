package io.pingbase.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokensTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void aTokenHasAVisiblePrefixAndOnlyItsHashIsKept() {
    ApiTokens.Issued issued = ApiTokens.issue(random);
    assertThat(issued.token()).matches("pbt_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}");
    assertThat(issued.token()).startsWith(issued.prefix() + "_");
    assertThat(issued.hash()).hasSize(64).doesNotContain(issued.token().substring(13));
    assertThat(ApiTokens.prefixOf(issued.token())).isEqualTo(issued.prefix());
    assertThat(ApiTokens.matches(issued.token(), issued.hash())).isTrue();
    assertThat(issued.toString()).doesNotContain(issued.token());
  }

  @Test
  void aChangedOrForeignTokenDoesNotMatch() {
    ApiTokens.Issued issued = ApiTokens.issue(random);
    String t = issued.token();
    String changed = t.substring(0, t.length() - 1) + (t.endsWith("a") ? "b" : "a");
    assertThat(ApiTokens.matches(changed, issued.hash())).isFalse();
    assertThat(ApiTokens.matches(ApiTokens.issue(random).token(), issued.hash())).isFalse();
    assertThat(ApiTokens.matches("Bearer " + t, issued.hash())).isFalse();
    assertThat(ApiTokens.prefixOf("pbt_short")).isNull();
    assertThat(ApiTokens.looksLikeToken("x".repeat(10_000))).isFalse();
  }

  @Test
  void tokensAreUnique() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(ApiTokens.issue(random).prefix())).isTrue();
    }
  }
}

package dev.checkout.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void extraSettingsAreNameValuePairsSeparatedByCommas() {
        assertThat(PostgresServer.extraSettings("shared_preload_libraries=pg_stat_statements, pg_stat_statements.track = all"))
                .containsExactly(Map.entry("shared_preload_libraries", "pg_stat_statements"),
                        Map.entry("pg_stat_statements.track", "all"));
    }

    @Test
    void noExtraSettingsWhenTheVariableIsUnsetOrBlank() {
        assertThat(PostgresServer.extraSettings(null)).isEmpty();
        assertThat(PostgresServer.extraSettings(" ")).isEmpty();
    }

    @Test
    void aSettingWithoutAValueIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> PostgresServer.extraSettings("shared_preload_libraries"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name=value");
    }
}

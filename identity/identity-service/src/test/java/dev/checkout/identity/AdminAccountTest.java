package dev.checkout.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;

@ExtendWith(OutputCaptureExtension.class)
class AdminAccountTest {

    @Test
    void aGeneratedDevelopmentPasswordIsNeverWrittenToTheLog(CapturedOutput output) {
        Users users = mock(Users.class);
        when(users.addIfEmailFree(any())).thenReturn(true);
        @SuppressWarnings("deprecation") // the plain "hash" is the password itself, so the test can see what was generated
        var plain = NoOpPasswordEncoder.getInstance();

        new AdminAccount(new AdminAccountProperties("admin@localhost", null), users, plain, new MockEnvironment(),
                Clock.systemUTC()).afterSingletonsInstantiated();

        ArgumentCaptor<User> admin = ArgumentCaptor.forClass(User.class);
        verify(users).addIfEmailFree(admin.capture());
        String generated = admin.getValue().passwordHash();
        assertThat(generated).hasSizeGreaterThanOrEqualTo(16);
        assertThat(output.getAll()).contains("admin@localhost").doesNotContain(generated);
    }
}

package dev.checkout.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.Test;

class MailStreamProviderTest {

    @Test
    void theNotificationServiceNamesJakartaMailsStreamProviderSoNoMessageLooksItUp() {
        NotificationServiceConfiguration.pinMailStreamProvider();

        assertThat(System.getProperty(NotificationServiceConfiguration.STREAM_PROVIDER_PROPERTY))
                .isEqualTo(MailStreamProvider.class.getName());
        assertThat(StreamProvider.provider()).isInstanceOf(MailStreamProvider.class);
    }
}

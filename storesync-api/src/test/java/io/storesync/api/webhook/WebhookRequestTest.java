package io.storesync.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.storesync.api.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookRequestTest {
    private static final WebhookEndpointId ENDPOINT = WebhookEndpointId.random();

    /** An endless stream of 'x' that counts what is taken from it. */
    static final class EndlessStream extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'x');
            read += len;
            return len;
        }
    }

    @Test
    void readingAnEndlessBodyStopsOneBytePastTheMaximum() {
        EndlessStream endless = new EndlessStream();
        assertThatThrownBy(() -> WebhookRequest.read(ENDPOINT, Map.of(), endless, 1000))
                .isInstanceOfSatisfying(WebhookPayloadTooLargeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
                    assertThat(e.maxBytes()).isEqualTo(1000);
                });
        assertThat(endless.read).isEqualTo(1001);
    }

    @Test
    void aBodyOfExactlyTheMaximumIsRead() throws Exception {
        WebhookRequest request = WebhookRequest.read(ENDPOINT, Map.of("X-A", List.of("1")),
                new ByteArrayInputStream(new byte[1000]), 1000);
        assertThat(request.bodySize()).isEqualTo(1000);
        assertThat(request.header("x-a")).contains("1");
    }

    @Test
    void theBodyCannotBeChangedThroughTheCallersArrayOrTheAccessors() {
        byte[] body = {1, 2, 3};
        WebhookRequest request = new WebhookRequest(ENDPOINT, Map.of(), body);
        body[0] = 9;
        request.body()[1] = 9;
        assertThatThrownBy(() -> request.delivery().bodyBuffer().put((byte) 9))
                .isInstanceOf(java.nio.ReadOnlyBufferException.class);
        assertThat(request.body()).containsExactly(1, 2, 3);
        // the request and the connector's delivery are one copy, not two
        assertThat(request.delivery()).isSameAs(request.delivery());
    }
}

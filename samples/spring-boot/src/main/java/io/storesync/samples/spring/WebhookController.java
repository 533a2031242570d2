package io.storesync.samples.spring;

import io.storesync.StoreSync;
import io.storesync.api.NotFoundException;
import io.storesync.api.ValidationException;
import io.storesync.api.webhook.WebhookEndpointId;
import io.storesync.api.webhook.WebhookPayloadTooLargeException;
import io.storesync.api.webhook.WebhookReceipt;
import io.storesync.api.webhook.WebhookSignatureException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook deliveries, handed to StoreSync as received: the raw body stream (never parsed or re-serialised here, so the
 * signature StoreSync checks is over the bytes the platform signed) and every header. StoreSync bounds the read,
 * verifies the signature, stores the delivery once and queues it; this controller only maps the outcome to a status.
 * Not {@code @Transactional}: a receipt commits on its own, before the 200 tells the platform it may stop retrying.
 */
@RestController
class WebhookController {
    private final StoreSync storeSync;

    WebhookController(StoreSync storeSync) {
        this.storeSync = storeSync;
    }

    @PostMapping("/webhooks/{endpoint}")
    ResponseEntity<Map<String, Object>> receive(@PathVariable("endpoint") String endpoint, HttpServletRequest request)
            throws IOException {
        WebhookReceipt receipt = storeSync.receiveWebhook(WebhookEndpointId.of(endpoint), headers(request),
                request.getInputStream());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", receipt.eventId().toString());
        body.put("duplicate", receipt.duplicate());
        return ResponseEntity.ok(body);
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    /** A forged or stale signature: the platform (or whoever sent it) is told no, and nothing was stored. */
    @ExceptionHandler(WebhookSignatureException.class)
    ResponseEntity<Void> forged() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
    }

    @ExceptionHandler(WebhookPayloadTooLargeException.class)
    ResponseEntity<Void> tooLarge() {
        return ResponseEntity.status(HttpStatus.valueOf(413)).build();
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Void> unknown() {
        return ResponseEntity.notFound().build();
    }

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<Void> malformed() {
        return ResponseEntity.badRequest().build();
    }
}

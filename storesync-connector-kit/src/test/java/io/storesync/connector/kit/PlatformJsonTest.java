package io.storesync.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.storesync.spi.connector.ConnectorException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformJsonTest {
    private final PlatformJson json = PlatformJson.of(ConnectorErrors.of("shopee", ErrorClassifier.byStatusOnly()));

    enum Status { READY, SHIPPED, @JsonEnumDefaultValue UNKNOWN }

    enum Bare { A, B }

    record Item(String itemId, String modelId, BigDecimal price, Status status, Bare bare, List<String> warning) { }

    record Order(long orderId) { }

    private static ConnectorResponse ok(String body) {
        return new ConnectorResponse(200, Map.of(), body.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }

    @Test
    void idsSentAsNumbersAbove2To53StayExactStrings() {
        Item item = json.read(ok("{\"itemId\": 9223372036854775807, \"modelId\": 12345678901234567890}"), Item.class);

        assertThat(item.itemId()).isEqualTo("9223372036854775807");
        assertThat(item.modelId()).isEqualTo("12345678901234567890");
    }

    @Test
    void idsInTreesStayExact() {
        JsonNode tree = json.readTree(ok("{\"a\": 9223372036854775807, \"b\": 12345678901234567890, \"c\": 9007199254740993}"));

        assertThat(tree.get("a").bigIntegerValue()).isEqualTo(new BigInteger("9223372036854775807"));
        assertThat(tree.get("b").asText()).isEqualTo("12345678901234567890");
        assertThat(tree.get("c").asText()).isEqualTo("9007199254740993");
    }

    @Test
    void untypedNumbersAreBigIntegerAndBigDecimal() throws Exception {
        Map<?, ?> map = json.mapper().readValue("{\"id\": 12345678901234567890, \"n\": 1, \"p\": 19.90}", Map.class);

        assertThat(map.get("id")).isEqualTo(new BigInteger("12345678901234567890"));
        assertThat(map.get("n")).isEqualTo(BigInteger.ONE);
        assertThat(map.get("p")).isEqualTo(new BigDecimal("19.90"));
    }

    @Test
    void moneyStaysExactWithItsScale() {
        Item item = json.read(ok("{\"price\": 19.90}"), Item.class);
        JsonNode tree = json.readTree(ok("{\"price\": 19.90, \"big\": 12345678901234567.01}"));

        assertThat(item.price()).isEqualTo(new BigDecimal("19.90"));
        assertThat(item.price().toPlainString()).isEqualTo("19.90");
        assertThat(tree.get("price").decimalValue().toPlainString()).isEqualTo("19.90");
        assertThat(tree.get("big").decimalValue().toPlainString()).isEqualTo("12345678901234567.01");
    }

    @Test
    void moneyIsWrittenPlainAndExact() {
        String written = new String(json.write(Map.of("price", new BigDecimal("1E+2"), "sale", new BigDecimal("19.90"))),
                StandardCharsets.UTF_8);

        assertThat(written).contains("\"price\":100").contains("\"sale\":19.90");
    }

    @Test
    void unknownFieldsAndEnumValuesAreTolerated() {
        Item item = json.read(ok("{\"status\": \"TO_RETURN\", \"bare\": \"Z\", \"new_field\": {\"x\": [1]}}"), Item.class);

        assertThat(item.status()).isEqualTo(Status.UNKNOWN);
        assertThat(item.bare()).isNull();
    }

    @Test
    void aSingleValueIsAcceptedWhereAListIsDeclared() {
        assertThat(json.read(ok("{\"warning\": \"partial\"}"), Item.class).warning()).containsExactly("partial");
    }

    @Test
    void malformedJsonIsATypedConnectorExceptionThatDoesNotQuoteTheBody() {
        assertThatThrownBy(() -> json.readTree(ok("{\"access_token\": \"tok-SECRET\", oops")))
                .isExactlyInstanceOf(ConnectorException.class)
                .hasMessageContaining("malformed response body")
                .hasMessageNotContaining("tok-SECRET")
                .satisfies(e -> assertThat(((ConnectorException) e).platform()).isEqualTo("shopee"));
    }

    @Test
    void emptyOrNonJsonBodiesAreTypedErrors() {
        assertThatThrownBy(() -> json.readTree(ok(""))).isExactlyInstanceOf(ConnectorException.class);
        assertThatThrownBy(() -> json.readTree(ok("<html>502</html>"))).isExactlyInstanceOf(ConnectorException.class);
        assertThatThrownBy(() -> json.read(ok("null"), Item.class)).isExactlyInstanceOf(ConnectorException.class);
        assertThatThrownBy(() -> json.readTree(ok("{\"code\":0}{\"code\":1}"))).isExactlyInstanceOf(ConnectorException.class);
        assertThatThrownBy(() -> json.read(ok("{} trailing"), Item.class)).isExactlyInstanceOf(ConnectorException.class);
    }

    @Test
    void aShapeMismatchIsATypedError() {
        assertThatThrownBy(() -> json.read(ok("{\"orderId\": 12345678901234567890}"), Order.class))
                .isExactlyInstanceOf(ConnectorException.class).hasMessageContaining("orderId");
        assertThatThrownBy(() -> json.read(ok("[1,2]"), Item.class)).isExactlyInstanceOf(ConnectorException.class);
        JsonNode tree = json.readTree(ok("{\"data\": {\"orderId\": \"x\"}}"));
        assertThatThrownBy(() -> json.convert(tree.get("data"), Order.class, 200, "req-1"))
                .isExactlyInstanceOf(ConnectorException.class).hasMessageContaining("req-1");
    }
}

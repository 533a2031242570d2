package io.storesync.internal.core.compliance;

import io.storesync.api.Actor;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncException;
import io.storesync.internal.core.Json;
import io.storesync.spi.persistence.AuditRepository;
import io.storesync.spi.persistence.TenantTransaction;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The audit trail's one recording point. Every service a tenant handle hands out is wrapped ({@link #wrap}); a call
 * through the wrapper opens a scope, and the first write or administer transaction the call opens appends one row
 * in that same transaction ({@link #record}), so the row commits or rolls back with the change. Calls that open no
 * write transaction (reads) record nothing; nested calls from one service to another belong to the outer call.
 * StoreSync's own workers do not go through tenant handles, so the trail is what was done through the API.
 */
public final class Audit {
    /**
     * API calls that change data but get no row: activity pings; and the reservation lifecycle, the hottest path
     * there is (one call per order line), whose every unit already lands in the append-only ledger with its actor
     * ({@code created_by}), reason and order reference — a second row each would double the writes and tell nothing
     * more. Stock adjustments, counts, receipts and transfers are audited (the "stock adjustments and counts").
     */
    public static final Set<String> NOT_AUDITED = Set.of("members.touchActivity", "inventory.reserve",
            "inventory.release", "inventory.commit");
    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();
    private static final int MAX_JSON = 16_000;
    private static final int MAX_DEPTH = 4;
    private static final int MAX_ITEMS = 20;
    private static final int MAX_STRING = 500;
    private static final Set<String> PERSONAL = Set.of("email", "fullname", "phone", "customerinfo", "customer",
            "address", "shippingaddress", "billingaddress", "notes", "buyer", "buyerid", "platformbuyerid", "recipient");
    private static final Set<String> SECRET = Set.of("secret", "token", "accesstoken", "refreshtoken", "password",
            "credentials", "apikey", "privatekey", "appsecret", "signature", "body", "rawbody");

    private Audit() {}

    private static final class Scope {
        final String action;
        final Method method;
        final @Nullable Object[] args;
        boolean recorded;

        Scope(String action, Method method, @Nullable Object[] args) {
            this.action = action;
            this.method = method;
            this.args = args;
        }
    }

    /** {@code target} behind a proxy of {@code api} that opens an audit scope for each call. */
    public static <T> T wrap(Class<T> api, T target, String service) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> service + "(audited " + target + ")";
                };
            }
            String action = service + "." + method.getName();
            boolean outer = SCOPE.get() == null && !NOT_AUDITED.contains(action);
            if (outer) SCOPE.set(new Scope(action, method, args));
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (outer) SCOPE.remove();
            }
        };
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, handler));
    }

    /**
     * Appends the current call's row in {@code tx} unless this call already has one. Called by the tenant handle at
     * the end of each successful write or administer transaction; does nothing outside an API call.
     */
    public static void record(TenantTransaction tx, Actor actor, @Nullable String correlationId, Clock clock,
            @Nullable Object result) {
        Scope scope = SCOPE.get();
        if (scope == null || scope.recorded) return;
        scope.recorded = true;
        String[] entity = entity(scope, result);
        String actorKind = actor instanceof Actor.Member ? "member" : "system";
        String actorId = actor instanceof Actor.Member m ? m.id().value().toString() : ((Actor.System) actor).name();
        StringBuilder json = new StringBuilder("{\"request\":{");
        Parameter[] params = scope.method.getParameters();
        for (int i = 0; i < params.length; i++) {
            if (i > 0) json.append(',');
            String name = params[i].getName();
            Json.quote(json, name).append(':');
            value(json, name, scope.args == null ? null : scope.args[i], 0);
        }
        json.append("},\"after\":");
        value(json, "after", result, 0);
        json.append('}');
        String changes = json.length() <= MAX_JSON ? json.toString() : "{\"truncated\":true}";
        tx.audit().append(new AuditRepository.Entry(clock.instant(), actorKind, actorId, scope.action, entity[0],
                entity[1], changes, correlationId));
    }

    /** The entity a call is about: its first typed id argument, else the id of what it returned. */
    static String[] entity(Scope scope, @Nullable Object result) {
        if (scope.args != null) {
            for (Object a : scope.args) {
                String[] e = asId(a);
                if (e != null) return e;
            }
        }
        Object r = result instanceof Optional<?> o ? o.orElse(null) : result;
        if (r instanceof Record rec) {
            for (RecordComponent c : rec.getClass().getRecordComponents()) {
                if (c.getName().equals("id")) {
                    String[] e = asId(read(c, rec));
                    if (e != null) return e;
                }
            }
        }
        return new String[] {null, null};
    }

    private static String @Nullable [] asId(@Nullable Object a) {
        if (!(a instanceof Record rec) || !rec.getClass().getSimpleName().endsWith("Id")) return null;
        RecordComponent[] cs = rec.getClass().getRecordComponents();
        if (cs.length != 1) return null;
        String type = rec.getClass().getSimpleName();
        type = type.substring(0, type.length() - 2).toLowerCase(Locale.ROOT);
        if (type.equals("user")) type = "member";
        return new String[] {type, String.valueOf(read(cs[0], rec))};
    }

    private static @Nullable Object read(RecordComponent c, Record rec) {
        try {
            return c.getAccessor().invoke(rec);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "[unreadable]";
        }
    }

    private static void value(StringBuilder s, String name, @Nullable Object v, int depth) {
        String key = name.toLowerCase(Locale.ROOT);
        if (v == null) {
            s.append("null");
        } else if (SECRET.contains(key) || v instanceof Secret || v.getClass().getSimpleName().contains("Credential")) {
            Json.quote(s, "[changed]");
        } else if (PERSONAL.contains(key)) {
            Json.quote(s, "[personal data]");
        } else if ((v instanceof Double d && !Double.isFinite(d)) || (v instanceof Float f && !Float.isFinite(f))) {
            Json.quote(s, v.toString()); // NaN and infinities are not JSON numbers
        } else if (v instanceof Number || v instanceof Boolean) {
            s.append(v instanceof BigDecimal b ? b.toPlainString() : v.toString());
        } else if (v instanceof CharSequence || v instanceof Enum<?> || v instanceof UUID || v instanceof TemporalAccessor
                || v instanceof java.time.Duration || v instanceof java.net.URI || v instanceof java.time.ZoneId) {
            String t = v.toString();
            Json.quote(s, t.length() > MAX_STRING ? t.substring(0, MAX_STRING) + "..." : t);
        } else if (v instanceof byte[] b) {
            Json.quote(s, "[" + b.length + " bytes]");
        } else if (v instanceof InputStream) {
            Json.quote(s, "[stream]");
        } else if (depth >= MAX_DEPTH) {
            Json.quote(s, "[...]");
        } else if (v instanceof Optional<?> o) {
            value(s, name, o.orElse(null), depth);
        } else if (v instanceof Record rec) {
            RecordComponent[] cs = rec.getClass().getRecordComponents();
            if (cs.length == 1 && rec.getClass().getSimpleName().endsWith("Id")) {
                value(s, name, read(cs[0], rec), depth);
                return;
            }
            s.append('{');
            for (int i = 0; i < cs.length; i++) {
                if (i > 0) s.append(',');
                Json.quote(s, cs[i].getName()).append(':');
                value(s, cs[i].getName(), read(cs[i], rec), depth + 1);
            }
            s.append('}');
        } else if (v instanceof Map<?, ?> m) {
            s.append('{');
            int n = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (n > 0) s.append(',');
                if (n++ >= MAX_ITEMS) {
                    Json.quote(s, "...").append(':').append(m.size());
                    break;
                }
                String k = String.valueOf(e.getKey());
                Json.quote(s, k).append(':');
                value(s, k, e.getValue(), depth + 1);
            }
            s.append('}');
        } else if (v instanceof Collection<?> c) {
            s.append('[');
            Iterator<?> it = c.iterator();
            for (int i = 0; it.hasNext(); i++) {
                if (i > 0) s.append(',');
                if (i >= MAX_ITEMS) {
                    Json.quote(s, "... " + c.size() + " in all");
                    break;
                }
                value(s, name, it.next(), depth + 1);
            }
            s.append(']');
        } else if (v instanceof StoreSyncException) {
            Json.quote(s, "[error]");
        } else {
            Json.quote(s, "[" + v.getClass().getSimpleName() + "]");
        }
    }

}

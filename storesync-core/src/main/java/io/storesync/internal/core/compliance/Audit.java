package io.storesync.internal.core.compliance;

import io.storesync.api.Actor;
import io.storesync.api.Secret;
import io.storesync.api.StoreSyncException;
import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.LocationId;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail's one recording point. Every service a tenant handle hands out is wrapped ({@link #wrap}); a call
 * through the wrapper opens a {@link Call}, and the first write or administer transaction the call opens appends one
 * row in that same transaction ({@link #record}), so the row commits or rolls back with the change. Calls that open
 * no write transaction (reads) record nothing; nested calls from one service to another belong to the outer call.
 * Calls that commit in several transactions ({@link #AFTER_THE_CALL}) append their row once the call is over, in a
 * transaction of its own, saying whether the call completed. StoreSync's own workers do not go through tenant
 * handles, so the trail is what was done through the API.
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
    /**
     * Calls that commit in more than one transaction: a bulk upsert (one per chunk), the consent's completion (a role
     * check, the platform's code exchange outside any transaction, then the stores) and a purge (one per batch). A
     * row written in their first transaction would claim a success the later ones may not reach, so theirs is
     * appended after the call: "completed" with the result, or "failed" with the error's code and how many of the
     * call's transactions had committed (what they changed stays changed).
     */
    public static final Set<String> AFTER_THE_CALL = Set.of("catalogue.upsert", "stores.completeAuthorization",
            "compliance.purgeExpired");
    private static final Logger LOG = LoggerFactory.getLogger(Audit.class);
    private static final ThreadLocal<Call> CALL = new ThreadLocal<>();
    private static final int MAX_JSON = 16_000;
    private static final int MAX_DEPTH = 4;
    private static final int MAX_ITEMS = 20;
    private static final int MAX_STRING = 500;
    private static final Set<String> PERSONAL = Set.of("email", "fullname", "phone", "customerinfo", "customer",
            "address", "shippingaddress", "billingaddress", "notes", "buyer", "buyerid", "platformbuyerid", "recipient");
    private static final Set<String> SECRET = Set.of("secret", "token", "accesstoken", "refreshtoken", "password",
            "credentials", "apikey", "privatekey", "appsecret", "signature", "body", "rawbody", "state", "code",
            "issuedstate", "returnedstate");

    private Audit() {}

    /** One API call being audited: what was called, and how far its row has got. */
    public static final class Call {
        final String action;
        final Method method;
        final @Nullable Object[] args;
        final boolean afterTheCall;
        final AuditRepository.@Nullable Subject subject;
        @Nullable String before;
        /** The row went into the transaction now open (it counts once that transaction commits). */
        boolean appended;
        /** The row is committed. */
        boolean recorded;
        int committed;
        @Nullable Object result;
        @Nullable Throwable failure;

        Call(String action, Method method, @Nullable Object[] args) {
            this.action = action;
            this.method = method;
            this.args = args;
            this.afterTheCall = AFTER_THE_CALL.contains(action);
            this.subject = afterTheCall ? null : subject(action, args);
        }
    }

    /** Appends a finished {@link #AFTER_THE_CALL} call's row in a transaction of its own ({@link #appendAfter}). */
    @FunctionalInterface
    public interface Alone {
        void append(Call call);
    }

    /** {@code target} behind a proxy of {@code api} that opens an audit call for each call. */
    public static <T> T wrap(Class<T> api, T target, String service, Alone alone) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> service + "(audited " + target + ")";
                };
            }
            String action = service + "." + method.getName();
            Call call = CALL.get() == null && !NOT_AUDITED.contains(action) ? new Call(action, method, args) : null;
            if (call != null) CALL.set(call);
            try {
                Object result = method.invoke(target, args);
                // like any call, one that opened no write transaction (an upsert of rows all refused) changed nothing
                if (call != null && call.afterTheCall && call.committed > 0) {
                    call.result = result;
                    alone(alone, call);
                }
                return result;
            } catch (InvocationTargetException e) {
                // a failure before any transaction committed changed nothing, so it leaves no row
                if (call != null && call.afterTheCall && call.committed > 0) {
                    call.failure = e.getCause();
                    alone(alone, call);
                }
                throw e.getCause();
            } finally {
                if (call != null) CALL.remove();
            }
        };
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, handler));
    }

    private static void alone(Alone alone, Call call) {
        CALL.remove(); // the row's own transaction is not part of the call
        try {
            alone.append(call);
        } catch (RuntimeException e) {
            // the call's work is committed; failing it now would make the caller repeat work that was done
            LOG.warn("the audit row of {} could not be appended after the call: {}", call.action, e.toString());
        }
    }

    /**
     * Whether this thread is inside an audited API call. Work that another thread may run on this one's behalf (a
     * reservation combined into a round) is combined only outside one, so that no call's row lands in another's
     * transaction.
     */
    public static boolean inCall() {
        return CALL.get() != null;
    }

    /**
     * Called by the tenant handle at the start of each write or administer transaction: reads what the call is about
     * as it is now, so the row can say what changed. One read by primary key, only for calls that change an existing
     * row of their own kind.
     */
    public static void begin(TenantTransaction tx) {
        Call call = CALL.get();
        if (call == null || call.recorded || call.afterTheCall) return;
        call.appended = false;
        if (call.subject != null) call.before = tx.audit().snapshot(call.subject);
    }

    /**
     * Appends the current call's row in {@code tx} unless this call already has one. Called by the tenant handle at
     * the end of each successful write or administer transaction; does nothing outside an API call.
     */
    public static void record(TenantTransaction tx, Actor actor, @Nullable String correlationId, Clock clock,
            @Nullable Object result) {
        Call call = CALL.get();
        if (call == null || call.recorded || call.afterTheCall) return;
        append(tx, call, actor, correlationId, clock, result, null);
        call.appended = true;
    }

    /**
     * Called by the tenant handle once a write or administer transaction has committed; a transaction retried after
     * a transient failure begins again and appends its row again.
     */
    public static void committed() {
        Call call = CALL.get();
        if (call == null) return;
        call.committed++;
        if (call.appended) {
            call.recorded = true;
            call.before = null;
        }
    }

    /** Appends a finished {@link #AFTER_THE_CALL} call's row in {@code tx}, a transaction of its own. */
    public static void appendAfter(TenantTransaction tx, Call call, Actor actor, @Nullable String correlationId,
            Clock clock) {
        append(tx, call, actor, correlationId, clock, call.result, call);
    }

    private static void append(TenantTransaction tx, Call call, Actor actor, @Nullable String correlationId,
            Clock clock, @Nullable Object result, @Nullable Call finished) {
        String[] entity = entity(call, result);
        String actorKind = actor instanceof Actor.Member ? "member" : "system";
        String actorId = actor instanceof Actor.Member m ? m.id().value().toString() : ((Actor.System) actor).name();
        StringBuilder json = new StringBuilder("{\"request\":{");
        Parameter[] params = call.method.getParameters();
        for (int i = 0; i < params.length; i++) {
            if (i > 0) json.append(',');
            String name = params[i].getName();
            Json.quote(json, name).append(':');
            value(json, name, call.args == null ? null : call.args[i], 0);
        }
        json.append('}');
        if (finished != null) {
            json.append(",\"outcome\":").append(finished.failure == null ? "\"completed\"" : "\"failed\"");
            json.append(",\"transactionsCommitted\":").append(finished.committed);
            if (finished.failure != null) {
                Throwable f = finished.failure;
                // the code or the type, never the message: messages may quote what the caller sent
                Json.quote(json.append(",\"error\":"), f instanceof StoreSyncException s ? s.code().name()
                        : f.getClass().getSimpleName());
            }
        }
        if (finished == null || finished.failure == null) {
            json.append(",\"after\":");
            value(json, "after", result, 0);
        }
        json.append('}');
        String changes = json.length() <= MAX_JSON ? json.toString() : "{\"truncated\":true}";
        tx.audit().append(new AuditRepository.Entry(clock.instant(), actorKind, actorId, call.action, entity[0],
                entity[1], changes, correlationId, call.subject, call.before));
    }

    /**
     * The existing row(s) a call changes, for its before and after: the first id argument when it names what the
     * service manages (a product's id in {@code addVariant} is the parent of what is created, and gives no change
     * and so keeps the result as "after"); for stock, the variant's item at each location argument.
     */
    static AuditRepository.@Nullable Subject subject(String action, @Nullable Object[] args) {
        if (action.equals("compliance.setRetention")) return new AuditRepository.Subject("retention", List.of());
        if (args == null) return null;
        String service = action.substring(0, action.indexOf('.'));
        if (service.equals("inventory")) {
            List<String> ids = new ArrayList<>();
            for (Object a : args) {
                if (a instanceof VariantId v && ids.isEmpty()) ids.add(v.value().toString());
                else if (a instanceof LocationId l && !ids.isEmpty()) ids.add(l.value().toString());
            }
            return ids.size() >= 2 ? new AuditRepository.Subject("stock", ids) : null;
        }
        for (Object a : args) {
            String[] e = asId(a);
            if (e == null) continue;
            boolean owned = switch (service) {
                case "members" -> e[0].equals("member");
                case "locations" -> e[0].equals("location");
                case "catalogue" -> e[0].equals("product") || e[0].equals("variant");
                case "listings" -> e[0].equals("listing");
                case "stores" -> e[0].equals("store");
                case "jobs" -> e[0].equals("job");
                default -> false;
            };
            return owned ? new AuditRepository.Subject(e[0], List.of(e[1])) : null;
        }
        return null;
    }

    /** The entity a call is about: its first typed id argument, else the id of what it returned. */
    static String[] entity(Call call, @Nullable Object result) {
        if (call.args != null) {
            for (Object a : call.args) {
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
        } else if (v instanceof java.net.URI u) {
            // queries and fragments carry consent states, codes and tokens
            Json.quote(s, u.getScheme() + "://" + u.getRawAuthority() + (u.getRawPath() == null ? "" : u.getRawPath())
                    + (u.getRawQuery() == null && u.getRawFragment() == null ? "" : "?[left out]"));
        } else if (v instanceof CharSequence || v instanceof Enum<?> || v instanceof UUID || v instanceof TemporalAccessor
                || v instanceof java.time.Duration || v instanceof java.time.ZoneId) {
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

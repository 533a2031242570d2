package io.storesync.internal.core.compliance;

import io.storesync.api.Actor;
import io.storesync.api.ValidationException;
import io.storesync.api.audit.AuditEvent;
import io.storesync.api.audit.AuditPage;
import io.storesync.api.audit.AuditTrail;
import io.storesync.internal.core.TenantHandle;
import io.storesync.spi.persistence.TenantTransaction;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** {@link AuditTrail} for one tenant handle: administrators read, in a read transaction (reading is not audited). */
public final class AuditTrailService implements AuditTrail {
    private final TenantHandle tenant;

    public AuditTrailService(TenantHandle tenant) {
        this.tenant = tenant;
    }

    @Override
    public AuditPage forEntity(String entityType, String entityId, @Nullable Long before, int limit) {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        return page(limit, tx -> tx.audit().forEntity(entityType, entityId, before, limit + 1));
    }

    @Override
    public AuditPage forActor(Actor actor, @Nullable Long before, int limit) {
        Objects.requireNonNull(actor, "actor");
        String kind = actor instanceof Actor.Member ? "member" : "system";
        String id = actor instanceof Actor.Member m ? m.id().value().toString() : ((Actor.System) actor).name();
        return page(limit, tx -> tx.audit().forActor(kind, id, before, limit + 1));
    }

    private AuditPage page(int limit, Function<TenantTransaction, List<AuditEvent>> query) {
        if (limit < 1 || limit > 1000) throw new ValidationException("limit must be 1 to 1000, got " + limit);
        if (!tenant.role().canAdminister()) throw tenant.denied("read the audit trail");
        List<AuditEvent> rows = tenant.read(tx -> {
            if (!tenant.currentRole(tx).canAdminister()) throw tenant.denied("read the audit trail");
            return query.apply(tx);
        });
        if (rows.size() <= limit) return new AuditPage(rows, OptionalLong.empty());
        List<AuditEvent> items = rows.subList(0, limit);
        return new AuditPage(items, OptionalLong.of(items.get(items.size() - 1).sequence()));
    }
}

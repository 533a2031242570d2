package io.storesync.internal.core.compliance;

import io.storesync.api.ErrorCode;
import io.storesync.api.StoreSyncException;
import io.storesync.api.compliance.BuyerQuery;
import io.storesync.api.compliance.Compliance;
import io.storesync.api.compliance.Discrepancy;
import io.storesync.api.compliance.IntegrityReport;
import io.storesync.api.compliance.ErasureResult;
import io.storesync.api.compliance.PurgeResult;
import io.storesync.api.compliance.RetentionPolicy;
import io.storesync.internal.api.Check;
import io.storesync.internal.core.TenantHandle;
import java.util.List;
import java.util.Objects;

/** {@link Compliance} for one tenant handle. */
public final class ComplianceService implements Compliance {
    private final TenantHandle tenant;

    public ComplianceService(TenantHandle tenant) {
        this.tenant = tenant;
    }

    @Override
    public RetentionPolicy retention() {
        return tenant.read(tx -> Retention.effective(tenant.engine().retentionBounds(), tx.retention().settings()));
    }

    @Override
    public RetentionPolicy setRetention(RetentionPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        var periods = Retention.validate(tenant.engine().retentionBounds(), policy);
        return tenant.administer("change retention", tx -> {
            tx.retention().saveSettings(periods);
            return Retention.effective(tenant.engine().retentionBounds(), tx.retention().settings());
        });
    }

    @Override
    public PurgeResult purgeExpired() {
        tenant.administer("purge expired data", tx -> null);
        try {
            return RetentionPurge.run(tenant.engine(), tenant.organizationId(), () -> {
                if (Thread.currentThread().isInterrupted()) throw new InterruptedException("interrupted");
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreSyncException(ErrorCode.INTERNAL, "the purge was interrupted; what it removed so far stays removed", e);
        }
    }

    @Override
    public String exportBuyer(BuyerQuery buyer) {
        Objects.requireNonNull(buyer, "buyer");
        String[] document = new String[1];
        // the transaction's result is what the audit row records as "after": the size, never the document
        tenant.administer("export buyer data", tx -> {
            document[0] = tx.personalData().export(buyer.values());
            return document[0].length();
        });
        return document[0];
    }

    @Override
    public ErasureResult eraseBuyer(BuyerQuery buyer, boolean anonymiseLaterOrders) {
        Objects.requireNonNull(buyer, "buyer");
        return tenant.administer("erase buyer data", tx -> tx.personalData().erase(buyer.values(), anonymiseLaterOrders));
    }

    /** At most this many discrepancies are reported (and repaired) per call. */
    static final int MAX_DISCREPANCIES = 10_000;

    @Override
    public IntegrityReport verify() {
        if (!tenant.role().canAdminister()) throw tenant.denied("check integrity");
        return tenant.read(tx -> {
            if (!tenant.currentRole(tx).canAdminister()) throw tenant.denied("check integrity");
            return new IntegrityReport(tenant.engine().clock().instant(), tx.integrity().find(MAX_DISCREPANCIES), 0);
        });
    }

    @Override
    public IntegrityReport repair(String reason) {
        String why = Check.text(reason, "reason", 500);
        return tenant.administer("repair integrity", tx -> {
            List<Discrepancy> found = tx.integrity().find(MAX_DISCREPANCIES);
            int repaired = 0;
            for (Discrepancy d : found) {
                if (d.repairable() && tx.integrity().repair(d, "integrity repair: " + why)) repaired++;
            }
            return new IntegrityReport(tenant.engine().clock().instant(), found, repaired);
        });
    }
}

package io.storesync.spi.persistence;

import io.storesync.api.store.StoreId;
import java.time.Duration;

/** Which of a store's schedules are due, with its poll interval; returned locked, so one instance acts on it. */
public record DueSchedule(StoreId storeId, boolean orderPollDue, boolean catalogueReconcileDue,
        boolean credentialRefreshDue, Duration orderPollInterval) {}

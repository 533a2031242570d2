package io.storesync.api.compliance;

/**
 * What an erasure changed. Amounts, lines, statuses and the ledger are kept.
 *
 * @param orders orders whose customer details, notes and platform data were anonymised
 * @param webhookEvents webhook deliveries whose payload or body mentioned the buyer
 * @param logLines sync log lines and job errors that mentioned the buyer
 * @param anonymiseOnArrival whether the buyer's later orders are anonymised as they arrive
 */
public record ErasureResult(int orders, int webhookEvents, int logLines, boolean anonymiseOnArrival) {}

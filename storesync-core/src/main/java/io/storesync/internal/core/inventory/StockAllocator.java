package io.storesync.internal.core.inventory;

import io.storesync.api.catalogue.VariantId;
import io.storesync.api.inventory.Allocation;
import io.storesync.api.inventory.AllocationStrategy;
import io.storesync.api.inventory.LocationId;
import io.storesync.api.inventory.LocationStock;
import io.storesync.api.inventory.StockLevel;
import io.storesync.spi.persistence.InventoryRepository;
import io.storesync.spi.persistence.LedgerNote;
import io.storesync.spi.persistence.TenantTransaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reserves units of a variant over locations chosen by the {@link AllocationStrategy}. Plans on a fresh snapshot and
 * applies with conditional updates; when another transaction took units first, re-plans what is left inside the same
 * transaction (which sees its own reservations). Never reserves more than asked, never oversells.
 */
public final class StockAllocator {
    /** Re-plans of an allocation raced by other transactions before settling for what was reserved. */
    private static final int MAX_ROUNDS = 20;

    private final AllocationStrategy strategy;

    public StockAllocator(AllocationStrategy strategy) {
        this.strategy = strategy;
    }

    /** What a reservation achieved: where units were taken, the levels after, and how many were available at the end. */
    record Reserved(List<Allocation> allocations, List<StockLevel> levels, int stillAvailable) {
        int quantity() {
            return allocations.stream().mapToInt(Allocation::quantity).sum();
        }
    }

    /** Reserves as many of {@code wanted} units as the stock allows, up to all of them. */
    Reserved reserveUpTo(TenantTransaction tx, VariantId variant, int wanted, LedgerNote note) {
        List<Allocation> done = new ArrayList<>();
        List<StockLevel> levels = new ArrayList<>();
        int remaining = wanted;
        int available = 0;
        boolean locked = false;
        for (int round = 0; remaining > 0 && round < MAX_ROUNDS; round++) {
            List<LocationStock> candidates = tx.inventory().availability(variant);
            available = available(candidates);
            int target = Math.min(remaining, available);
            if (target == 0) break;
            List<Allocation> plan = planInLockOrder(target, candidates);
            if (plan.isEmpty()) break;
            // the variant's item rows, read only when the candidates alone do not already say "several": a location
            // with nothing available now is no candidate, yet its row may be taken in a later round
            List<StockLevel> items = null;
            boolean several = plan.size() > 1 || target < remaining || candidates.size() > 1;
            if (!locked && !several) several = (items = tx.inventory().levels(variant)).size() > 1;
            if (!locked && several) {
                // anything but one location covering everything may take units at several locations, in this round or
                // a later one: every item of the variant is locked first, in one global order and before the first
                // change marks the variant for propagation. A reservation at one location (its item, then the mark)
                // can then never hold what this one waits for. The plan is made again under the locks.
                // (every item, not only the candidates: one with nothing available now may have units in a later round)
                // With more than one location this lock also comes before the first attempt, even when one location
                // covers the plan: an attempt that loses its race (the row changed and no longer has the units) keeps
                // the row locked in READ COMMITTED, and taking the other items in order after it deadlocked against a
                // caller holding them in order (StockLockOrderIT's 32-thread mix: 7 in 960 calls at load 25). And with
                // one candidate too, when the variant has rows at other locations: the attempt at the one candidate
                // could lose its race, keep that row, and the next round lock the others after it (the same mix: 4
                // deadlocks in 960 calls in a clean-clone CI run)
                if (items == null) items = tx.inventory().levels(variant);
                tx.inventory().lockItems(variant, items.stream().map(StockLevel::locationId).toList());
                locked = true;
                candidates = tx.inventory().availability(variant);
                available = available(candidates);
                target = Math.min(remaining, available);
                if (target == 0) break;
                plan = planInLockOrder(target, candidates);
                if (plan.isEmpty()) break;
            }
            for (Allocation a : plan) {
                Optional<StockLevel> applied = tx.inventory().reserve(variant, a.locationId(), a.quantity(), note);
                if (applied.isEmpty()) break;
                done.add(a);
                levels.add(applied.get());
                remaining -= a.quantity();
                available -= a.quantity();
            }
        }
        return new Reserved(merge(done), levels, Math.max(available, 0));
    }

    /**
     * Units available over {@code candidates}, at most {@link Integer#MAX_VALUE}: each location may hold up to that
     * many, so an {@code int} sum of two overflowed (to -2 for two full locations) and became a negative plan.
     */
    static int available(List<LocationStock> candidates) {
        return (int) Math.min(Integer.MAX_VALUE, candidates.stream().mapToLong(LocationStock::available).sum());
    }

    /**
     * The strategy's plan for {@code quantity} units over {@code candidates}, checked, in location id order: a fixed
     * lock order across transactions keeps concurrent multi-location reservations from deadlocking.
     */
    List<Allocation> planInLockOrder(int quantity, List<LocationStock> candidates) {
        List<Allocation> plan = strategy.allocate(quantity, candidates);
        validate(plan, quantity, candidates);
        return plan.stream().sorted(Comparator.comparing(a -> a.locationId().value())).toList();
    }

    /** Units wanted of a variant, with the ledger note their reservation carries. */
    public record Want(VariantId variant, int quantity, LedgerNote note) {}

    /**
     * Reserves for several wants at once: plans every want on {@code snapshot} (what is planned for one is taken off
     * the snapshot for the next), applies the plans in one statement (the wants on one location together, all or
     * none), and falls back to {@link #reserveUpTo(TenantTransaction, VariantId, int, LedgerNote)} for whatever a plan
     * could not get (raced or short).
     *
     * @return units reserved for each want, in order
     */
    public int[] reserveAll(TenantTransaction tx, List<Want> wants, Map<VariantId, List<LocationStock>> snapshot) {
        int[] got = new int[wants.size()];
        List<Planned> plan = plan(wants, snapshot);
        List<Optional<StockLevel>> applied =
                tx.inventory().reserveAll(plan.stream().map(Planned::reservation).toList());
        for (int i = 0; i < plan.size(); i++) {
            if (applied.get(i).isPresent()) got[plan.get(i).want()] += plan.get(i).reservation().quantity();
        }
        for (int w = 0; w < wants.size(); w++) {
            Want want = wants.get(w);
            if (got[w] < want.quantity()) got[w] += reserveUpTo(tx, want.variant(), want.quantity() - got[w], want.note()).quantity();
        }
        return got;
    }

    /** One reservation of a plan, for the want at index {@code want}. */
    record Planned(int want, InventoryRepository.Reservation reservation) {}

    /**
     * Plans every want in order on {@code snapshot}, taking what is planned for one off the snapshot before the next,
     * so that the wants together never plan more than a location had. A want the snapshot cannot cover in full is
     * planned for what there is. Leaves {@code snapshot} as it was.
     */
    List<Planned> plan(List<Want> wants, Map<VariantId, List<LocationStock>> snapshot) {
        Map<VariantId, List<LocationStock>> left = new HashMap<>();
        snapshot.forEach((v, c) -> left.put(v, new ArrayList<>(c)));
        List<Planned> planned = new ArrayList<>();
        for (int w = 0; w < wants.size(); w++) {
            Want want = wants.get(w);
            List<LocationStock> candidates = left.getOrDefault(want.variant(), List.of());
            int target = Math.min(want.quantity(), available(candidates));
            if (target == 0) continue;
            List<Allocation> allocations = strategy.allocate(target, candidates);
            validate(allocations, target, candidates);
            for (Allocation a : allocations) {
                planned.add(new Planned(w, new InventoryRepository.Reservation(want.variant(), a.locationId(), a.quantity(),
                        want.note())));
                candidates.replaceAll(c -> c.locationId().equals(a.locationId())
                        ? new LocationStock(c.locationId(), c.isDefault(), c.available() - a.quantity()) : c);
            }
        }
        return planned;
    }

    private static void validate(List<Allocation> plan, int quantity, List<LocationStock> candidates) {
        if (plan.isEmpty()) return;
        int sum = plan.stream().mapToInt(Allocation::quantity).sum();
        boolean known = plan.stream().allMatch(a -> candidates.stream().anyMatch(c -> c.locationId().equals(a.locationId())));
        if (sum != quantity || !known) {
            throw new IllegalStateException("allocation strategy planned " + plan + " for " + quantity
                    + " units over " + candidates + "; a plan must cover the quantity exactly from the candidates");
        }
    }

    static List<Allocation> merge(List<Allocation> allocations) {
        Map<LocationId, Integer> byLocation = new LinkedHashMap<>();
        allocations.forEach(a -> byLocation.merge(a.locationId(), a.quantity(), Integer::sum));
        return byLocation.entrySet().stream().map(e -> new Allocation(e.getKey(), e.getValue())).toList();
    }
}

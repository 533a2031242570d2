package io.storesync.testkit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** An exact plan fails exactly its rate of the calls, block by block, at random positions within each block. */
class FaultPlanTest {

    @Property(tries = 200)
    void anExactPlanFailsItsRateWithinOneBlock(@ForAll @IntRange(min = 0, max = 100) int percent,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed, @ForAll @IntRange(min = 1, max = 2_000) int calls) {
        FaultPlan plan = FaultPlan.atRate(percent / 100.0, seed, Fault.SERVER_ERROR).exactly();
        Random random = new Random(seed);
        boolean[] block = new boolean[0];
        int position = 0;
        int faults = 0;
        int blockFaults = 0;
        for (int i = 0; i < calls; i++) {
            if (position >= block.length) {
                block = plan.nextBlock(random);
                position = 0;
                blockFaults = 0;
                for (boolean b : block) blockFaults += b ? 1 : 0;
                assertThat(blockFaults).as("faults in a block of %s", block.length)
                        .isEqualTo((int) Math.rint(percent / 100.0 * block.length));
            }
            if (block[position++]) faults++;
        }
        assertThat(Math.abs(faults - percent / 100.0 * calls)).isLessThanOrEqualTo(blockFaults + 1e-9);
    }

    @Property(tries = 50)
    void twentyPercentIsOneCallInEveryFiveAtARandomPlace(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        FaultPlan plan = FaultPlan.atRate(0.2, seed, Fault.SERVER_ERROR).exactly();
        Random random = new Random(seed);
        int[] byPosition = new int[5];
        for (int b = 0; b < 200; b++) {
            boolean[] block = plan.nextBlock(random);
            assertThat(block).hasSize(5);
            int n = 0;
            for (int i = 0; i < 5; i++) {
                if (block[i]) {
                    n++;
                    byPosition[i]++;
                }
            }
            assertThat(n).isEqualTo(1);
        }
        // not always the same place: every position of the block is used
        assertThat(java.util.Arrays.stream(byPosition).min().orElseThrow()).isPositive();
    }
}

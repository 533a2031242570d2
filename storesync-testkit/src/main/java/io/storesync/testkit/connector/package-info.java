/**
 * The connector compatibility kit: the checks every connector runs against its platform's simulator.
 *
 * <p>Stability: experimental.
 */
@NullMarked
package io.storesync.testkit.connector;

import org.jspecify.annotations.NullMarked;

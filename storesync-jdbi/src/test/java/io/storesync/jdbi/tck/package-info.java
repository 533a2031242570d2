/** The compatibility kit ({@code io.storesync.testkit.tck}) run against the JDBI persistence, one subclass per kit. */
@NullMarked
package io.storesync.jdbi.tck;

import org.jspecify.annotations.NullMarked;

/**
 * The Hazelcast primitives every clustered capability uses: shared maps with atomic updates,
 * name@time stamp lists, which instances are alive, and this instance's name.
 */
package org.runlab.platform.cluster;

/** The one place background work runs: periodic tasks, short tasks behind an answer, batched writes. */
package org.runlab.platform.background;

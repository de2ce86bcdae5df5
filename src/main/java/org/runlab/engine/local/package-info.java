/**
 * The local engine: one-shot bubblewrap sandboxes (setpriv to uid 65534, seccomp, a cgroup per run
 * on v1 or v2), a warm pool of pre-started ones, verdict classification and the offline
 * requirements check. The runner, requirements checker and seccomp generator (Python) live in the
 * resources of this package.
 */
package org.runlab.engine.local;

/** The admin console's backing beans: dashboard, users, limits, sandboxes, reports. */
package org.runlab.admin;

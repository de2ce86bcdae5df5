/** What every JSON API shares: the JAX-RS application and RFC 9457 problem details for errors. */
package org.runlab.web.api;

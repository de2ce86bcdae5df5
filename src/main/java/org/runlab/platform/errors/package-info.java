/**
 * Domain exceptions every capability throws for requests it will not carry out; {@code web.api}
 * turns each into an RFC 9457 problem with its HTTP status.
 */
package org.runlab.platform.errors;

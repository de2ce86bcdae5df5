/** Learner page beans, filters (security headers, visitor identity) and error handling. */
package org.runlab.web;

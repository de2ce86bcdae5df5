/** One audit trail for every change an operator makes: who, when, what it was, what it became, why. */
package org.runlab.platform.audit;

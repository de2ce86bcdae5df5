/**
 * Accounts: users, roles (LEARNER, ADMIN, FINANCE), tiers, sign-up and sign-in, password hashes,
 * and the anonymous identity every visitor gets.
 */
package org.runlab.account;

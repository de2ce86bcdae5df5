package org.runlab.account;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/** Form sign-in through the page at {@code /signin.xhtml}; roles as declared here. */
@CustomFormAuthenticationMechanismDefinition(
    loginToContinue =
        @LoginToContinue(loginPage = "/signin.xhtml", errorPage = "", useForwardToLogin = false))
@DeclareRoles({"LEARNER", "ADMIN", "FINANCE"})
@ApplicationScoped
public class SecurityConfiguration {}

package org.runlab.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** Runlab's JSON API under {@code /api}, described by MicroProfile OpenAPI at {@code /openapi}. */
@ApplicationPath("api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Runlab API",
            version = "1",
            description =
                "Run learners' Python in the browser or on a server sandbox. Errors are RFC 9457"
                    + " problem details (application/problem+json)."))
public class RunlabApi extends Application {}

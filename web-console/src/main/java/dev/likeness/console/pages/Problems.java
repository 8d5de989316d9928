package dev.likeness.console.pages;

import dev.likeness.console.services.ServiceProblem;

/** Problems the console finds itself before asking a service: a user name nobody has, a malformed date. */
final class Problems {

    private Problems() {
    }

    static ServiceProblem local(int status, String code) {
        return new ServiceProblem(new ServiceProblem.Problem(null, code, status, null, code, null), null);
    }
}

package io.classcord.admin.http;

/** The dashboard session a request came with, put in its context by {@link ApiAuth}, for the audit line. */
record SignedIn(String username) {
}

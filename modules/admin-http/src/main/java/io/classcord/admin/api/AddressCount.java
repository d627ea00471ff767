package io.classcord.admin.api;

/** How many of the kept security events came from one address. */
public record AddressCount(String address, int count) {
}

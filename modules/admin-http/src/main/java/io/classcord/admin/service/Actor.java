package io.classcord.admin.service;

/**
 * Who asks for an administration action, as the audit log names them.
 *
 * @param who what {@code audit.log} calls them, e.g. {@code token holder 'prof'}
 * @param ip  the address they act from
 */
public record Actor(String who, String ip) {
}

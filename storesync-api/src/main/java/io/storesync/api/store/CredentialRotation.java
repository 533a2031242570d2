package io.storesync.api.store;

/**
 * What {@link Stores#reencryptCredentials()} did in one organization.
 *
 * @param reencrypted stores whose credentials were re-encrypted under the current key
 * @param current stores whose credentials were under the current key already
 * @param unreadable stores whose credentials no configured key opens (left unchanged; see the store's status)
 */
public record CredentialRotation(int reencrypted, int current, int unreadable) {}

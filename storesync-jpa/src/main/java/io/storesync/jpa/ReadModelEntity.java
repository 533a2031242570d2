package io.storesync.jpa;

/**
 * Implemented by every entity of StoreSync's read model ({@code io.storesync.jpa.model}). The write guard refuses to
 * persist, merge or remove any instance of it; a host's own entities in the same persistence unit are not affected.
 */
public interface ReadModelEntity {}

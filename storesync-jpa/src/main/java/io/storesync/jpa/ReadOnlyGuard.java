package io.storesync.jpa;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.DeleteContext;
import org.hibernate.event.spi.DeleteEvent;
import org.hibernate.event.spi.DeleteEventListener;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.MergeContext;
import org.hibernate.event.spi.MergeEvent;
import org.hibernate.event.spi.MergeEventListener;
import org.hibernate.event.spi.PersistContext;
import org.hibernate.event.spi.PersistEvent;
import org.hibernate.event.spi.PersistEventListener;
import org.hibernate.integrator.spi.Integrator;
import org.jspecify.annotations.Nullable;

/**
 * Refuses {@code persist}, {@code merge} and {@code remove} of StoreSync's entities with a
 * {@link ReadOnlyModelException}, before Hibernate does anything. Registered with every Hibernate session factory
 * through {@code META-INF/services/org.hibernate.integrator.spi.Integrator}, so it needs no configuration; it looks
 * only at {@link ReadModelEntity} instances, so a host's own entities in the same persistence unit are written as
 * usual. Statements (JPQL/HQL {@code update}/{@code delete}/{@code insert}, native SQL) are refused by
 * {@link ReadOnlyStatementInspector}.
 */
public final class ReadOnlyGuard implements Integrator, PersistEventListener, MergeEventListener, DeleteEventListener {
    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        EventListenerRegistry registry = sessionFactory.getServiceRegistry().requireService(EventListenerRegistry.class);
        registry.prependListeners(EventType.PERSIST, this);
        registry.prependListeners(EventType.PERSIST_ONFLUSH, this);
        registry.prependListeners(EventType.MERGE, this);
        registry.prependListeners(EventType.DELETE, this);
    }

    @Override
    public void onPersist(PersistEvent event) {
        refuse("persist", event.getObject());
    }

    @Override
    public void onPersist(PersistEvent event, PersistContext context) {
        refuse("persist", event.getObject());
    }

    @Override
    public void onMerge(MergeEvent event) {
        refuse("merge", event.getOriginal());
    }

    @Override
    public void onMerge(MergeEvent event, MergeContext context) {
        refuse("merge", event.getOriginal());
    }

    @Override
    public void onDelete(DeleteEvent event) {
        refuse("remove", event.getObject());
    }

    @Override
    public void onDelete(DeleteEvent event, DeleteContext context) {
        refuse("remove", event.getObject());
    }

    private static void refuse(String operation, @Nullable Object entity) {
        if (entity instanceof ReadModelEntity) {
            throw new ReadOnlyModelException(operation + " of " + entity.getClass().getSimpleName()
                    + " refused: StoreSync's JPA model is read-only; change StoreSync's data through the StoreSync API");
        }
    }
}

package io.storesync.samples.spring.reports;

import io.storesync.api.StoreSyncException;
import io.storesync.api.organization.OrganizationId;
import io.storesync.jpa.StoreSyncJpa;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds the read model to the request's organization for the whole request ({@code StoreSyncJpa.bind}): every
 * entity manager the repositories open meanwhile is that tenant's, and each of their transactions sets the tenant in
 * the database as it begins. Nothing is bound to a connection. It runs before Spring MVC, so before anything could
 * open an entity manager for the request (open-session-in-view is off anyway, in application.properties).
 *
 * <p>A real host binds the signed-in user's current organization after checking the membership; this sample has no
 * login and takes the organization from the path, as {@code OrdersController} does.
 */
@Component
class ReadModelTenantFilter extends OncePerRequestFilter {
    private static final Pattern PATH = Pattern.compile("^/organizations/([^/]+)/reports(/.*)?$");

    private static Matcher match(HttpServletRequest request) {
        return PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !match(request).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher m = match(request);
        OrganizationId organization;
        try {
            organization = m.matches() ? OrganizationId.of(m.group(1)) : null;
        } catch (StoreSyncException e) {
            organization = null;
        }
        if (organization == null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        StoreSyncJpa.TenantBinding binding = StoreSyncJpa.bind(organization);
        try {
            chain.doFilter(request, response);
        } finally {
            binding.close();
        }
    }
}

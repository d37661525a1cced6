package org.rastro.security;

import static org.rastro.system.JsonFields.text;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.rastro.system.TextBundle;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The administrator's accounts API: create people's accounts and service accounts with their role and
 * jurisdiction, disable and enable them, issue and revoke service accounts' API keys. Secrets — a generated
 * first password, a second-factor secret, an API key — appear once, in the answer that created them.
 */
@RestController
class AccountsApi {

    private static final TextBundle TEXTS = TextBundle.of("security");

    private final AccountAdministration administration;
    private final AccountRepository repository;
    private final ServiceKeys keys;

    AccountsApi(AccountAdministration administration, AccountRepository repository, ServiceKeys keys) {
        this.administration = administration;
        this.repository = repository;
        this.keys = keys;
    }

    /**
     * {@code {"username", "role", "displayName", "organisation" (code; none: national), "partnerCountry",
     * "password" (none: one is generated), "service" (true: a machine account with an API key),
     * "allowedAddresses" (a service key's CIDR ranges)}}.
     */
    @PostMapping(value = "/api/v1/admin/accounts", consumes = "application/json")
    ResponseEntity<AccountAdministration.Created> create(
            @RequestBody JsonNode body, @AuthenticationPrincipal Account admin) {
        if (!body.isObject()) {
            throw TEXTS.invalid("accounts.object");
        }
        if (!body.path("service").isMissingNode() && !body.path("service").isBoolean()) {
            throw TEXTS.invalid("accounts.service.boolean");
        }
        AccountAdministration.Created created = administration.create(
                new AccountAdministration.NewAccount(
                        text(body, "username"),
                        AccountAdministration.role(text(body, "role")),
                        text(body, "displayName"),
                        text(body, "organisation"),
                        text(body, "partnerCountry"),
                        text(body, "password"),
                        body.path("service").asBoolean(false),
                        addresses(body.path("allowedAddresses")),
                        text(body, "timeZone")),
                admin);
        return ResponseEntity.created(URI.create("/api/v1/admin/accounts/" + created.username()))
                .body(created);
    }

    record Enabled(String username, boolean enabled) {}

    /** Disables an account at once: it cannot sign in, its tokens are revoked and its keys stop working. */
    @PostMapping("/api/v1/admin/accounts/{username}/disable")
    Enabled disable(@PathVariable String username, @AuthenticationPrincipal Account admin) {
        if (admin.username().equals(username)) {
            throw TEXTS.conflict("accounts.disable.self");
        }
        return enabled(username, false);
    }

    @PostMapping("/api/v1/admin/accounts/{username}/enable")
    Enabled enable(@PathVariable String username) {
        return enabled(username, true);
    }

    private Enabled enabled(String username, boolean enabled) {
        administration.setEnabled(username, enabled);
        return new Enabled(username, enabled);
    }

    /** Another key for a service account (to rotate: issue, deploy, revoke the old one). */
    @PostMapping(value = "/api/v1/admin/accounts/{username}/keys")
    ResponseEntity<ServiceKeys.Issued> issue(
            @PathVariable String username,
            @RequestBody(required = false) JsonNode body,
            @AuthenticationPrincipal Account admin) {
        long id = repository
                .findByUsername(username)
                .orElseThrow(() -> TEXTS.notFound("accounts.unknown", username))
                .id();
        if (!repository.isService(id)) {
            throw TEXTS.invalid("accounts.keys.person", username);
        }
        ServiceKeys.Issued issued =
                keys.issue(id, addresses(body == null ? null : body.path("allowedAddresses")), admin.id());
        return ResponseEntity.status(201).body(issued);
    }

    @GetMapping("/api/v1/admin/api-keys")
    List<ServiceKeys.Listed> keys() {
        return keys.list();
    }

    record Revoked(long id, boolean revoked) {}

    @PostMapping("/api/v1/admin/api-keys/{id}/revocation")
    Revoked revoke(@PathVariable long id, @AuthenticationPrincipal Account admin) {
        keys.revoke(id, admin.id());
        return new Revoked(id, true);
    }

    private static List<String> addresses(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.isEmpty() || node.size() > 50) {
            throw TEXTS.invalid("accounts.addresses.list");
        }
        List<String> ranges = new ArrayList<>();
        for (JsonNode range : node) {
            if (!range.isString() || !range.asString().matches("[0-9A-Fa-f:.]{2,39}(/[0-9]{1,3})?")) {
                throw TEXTS.invalid("accounts.addresses.range", range.toString());
            }
            ranges.add(range.asString());
        }
        return ranges;
    }
}

package org.rastro.security;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what: the role × capability matrix as data. {@link SecurityConfig} turns each rule
 * into an authorisation rule, in this order, and ends with "deny everything else". The same list
 * is printed in {@code docs/SECURITY.md} and checked by a test that enumerates every endpoint, so
 * an endpoint added without a rule fails the build instead of becoming reachable by accident.
 */
public final class AccessMatrix {

    private AccessMatrix() {}

    /** Who a rule admits. */
    public sealed interface Audience {
        /** Anyone, signed in or not. */
        record Public() implements Audience {}

        /** Any signed-in account, whatever its role. */
        record AnyAccount() implements Audience {}

        /** Signed-in accounts with one of these roles. */
        record Roles(Set<Role> roles) implements Audience {
            public Roles {
                roles = Set.copyOf(roles);
                if (roles.isEmpty()) {
                    throw new IllegalArgumentException("a rule must name at least one role");
                }
            }
        }
    }

    /** One rule: a method (null for any) and a path pattern, the capability it grants, and to whom. */
    public record Rule(HttpMethod method, String pattern, String capability, Audience audience) {
        public Rule {
            requireNonNull(pattern, "pattern is null");
            requireNonNull(capability, "capability is null");
            requireNonNull(audience, "audience is null");
        }
    }

    private static final PathPatternParser PATTERNS = new PathPatternParser();

    /**
     * Whether a signed-in account of this role may open the page at {@code path} (a GET): the first rule of
     * {@link #WEB} that matches decides, as in the filter chain. Pages use it to link only where the reader
     * may go.
     */
    public static boolean pageOpensFor(Role role, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (Rule rule : WEB) {
            if ((rule.method() == null || rule.method() == HttpMethod.GET)
                    && PATTERNS.parse(rule.pattern()).matches(container)) {
                return switch (rule.audience()) {
                    case Audience.Public p -> true;
                    case Audience.AnyAccount a -> true;
                    case Audience.Roles r -> r.roles().contains(role);
                };
            }
        }
        return false;
    }

    /** Roles that read the registry (catalogue, organisations, weapons, lots, licences). */
    static final Set<Role> REGISTRY_READERS = EnumSet.of(
            Role.REGISTRY_OFFICER,
            Role.ARMORY_CLERK,
            Role.UNIT_COMMANDER,
            Role.INSPECTOR,
            Role.TRACE_ANALYST,
            Role.INVESTIGATOR,
            Role.AUDITOR);

    /** Roles whose work needs the names of the people who hold weapons. */
    static final Set<Role> PERSONAL_DATA_READERS =
            EnumSet.of(Role.REGISTRY_OFFICER, Role.ARMORY_CLERK, Role.UNIT_COMMANDER, Role.INVESTIGATOR);

    /** Roles that record custody: the armory and the unit for daily movements, the registry for imports and
     * corrections, the trace analyst for recoveries. Jurisdiction limits come with the security issue. */
    static final Set<Role> CUSTODY_RECORDERS =
            EnumSet.of(Role.REGISTRY_OFFICER, Role.ARMORY_CLERK, Role.UNIT_COMMANDER, Role.TRACE_ANALYST);

    /** Roles that count inventories: the armory, the unit, and the inspectorate that counts them unannounced. */
    static final Set<Role> COUNTERS = EnumSet.of(Role.ARMORY_CLERK, Role.UNIT_COMMANDER, Role.INSPECTOR);

    /** Roles that hand weapons to people and keep their PINs: the armory, the unit, the registry, the inspectorate. */
    static final Set<Role> PEOPLE_KEEPERS =
            EnumSet.of(Role.REGISTRY_OFFICER, Role.ARMORY_CLERK, Role.UNIT_COMMANDER, Role.INSPECTOR);

    static final Set<Role> COUNT_READERS =
            EnumSet.of(Role.ARMORY_CLERK, Role.UNIT_COMMANDER, Role.INSPECTOR, Role.AUDITOR);

    /** Roles that see exact dashboard figures and the recoveries behind them; the rest see suppressed aggregates. */
    /** Who works with phone records under warrants: investigators and trace analysts. */
    static final Set<Role> PHONE_ANALYSTS = EnumSet.of(Role.INVESTIGATOR, Role.TRACE_ANALYST);

    public static final Set<Role> DASHBOARD_DETAIL = EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR, Role.INSPECTOR);

    /** Who may approve a bulk export: those who could make it, and the auditors. */
    static final Set<Role> EXPORT_APPROVERS =
            EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR, Role.INSPECTOR, Role.AUDITOR, Role.ADMINISTRATOR);

    /**
     * Who may ask for a bulk export: those who make them, and the auditors (a full verification of the
     * log); which kind each may ask for is the export's own rule.
     */
    static final Set<Role> EXPORT_REQUESTERS =
            EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR, Role.INSPECTOR, Role.AUDITOR);

    private static final Audience PUBLIC = new Audience.Public();
    private static final Audience ANY_ACCOUNT = new Audience.AnyAccount();

    private static Audience roles(Set<Role> roles) {
        return new Audience.Roles(roles);
    }

    /** REST API rules (bearer tokens). */
    public static final List<Rule> API = List.of(
            new Rule(HttpMethod.POST, "/api/v1/auth/token", "obtain an API token", PUBLIC),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/setup/administrator",
                    "create the first administrator with the one-time token",
                    PUBLIC),
            new Rule(HttpMethod.POST, "/api/v1/auth/revoke", "revoke one's own token", ANY_ACCOUNT),
            new Rule(HttpMethod.GET, "/api/v1/me", "read one's own account", ANY_ACCOUNT),
            new Rule(HttpMethod.GET, "/api/v1/catalogue/**", "read the catalogue", roles(REGISTRY_READERS)),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/catalogue/normalise",
                    "normalise make and calibre strings",
                    roles(REGISTRY_READERS)),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/organisations/**",
                    "read organisations and holdings",
                    roles(REGISTRY_READERS)),
            new Rule(HttpMethod.GET, "/api/v1/weapons/**", "search weapons, read a dossier", roles(REGISTRY_READERS)),
            new Rule(HttpMethod.GET, "/api/v1/lots/**", "search ordnance lots", roles(REGISTRY_READERS)),
            new Rule(HttpMethod.GET, "/api/v1/licences/**", "read licences and deliveries", roles(REGISTRY_READERS)),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/people/**",
                    "read people who hold weapons (personal data)",
                    roles(PERSONAL_DATA_READERS)),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/imports/**",
                    "bulk import registry CSV files",
                    roles(EnumSet.of(Role.REGISTRY_OFFICER))),
            new Rule(HttpMethod.GET, "/api/v1/admin/accounts", "list accounts", roles(EnumSet.of(Role.ADMINISTRATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/admin/accounts",
                    "create an account (a person's, or a service account with its API key)",
                    roles(EnumSet.of(Role.ADMINISTRATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/admin/accounts/*/disable",
                    "disable an account (its tokens and keys stop at once)",
                    roles(EnumSet.of(Role.ADMINISTRATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/admin/accounts/*/enable",
                    "enable an account again",
                    roles(EnumSet.of(Role.ADMINISTRATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/admin/accounts/*/keys",
                    "issue another API key for a service account",
                    roles(EnumSet.of(Role.ADMINISTRATOR))),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/admin/api-keys",
                    "list API keys (never the secrets)",
                    roles(EnumSet.of(Role.ADMINISTRATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/admin/api-keys/*/revocation",
                    "revoke an API key",
                    roles(EnumSet.of(Role.ADMINISTRATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/admin/accounts/*/totp",
                    "give an account a new second-factor secret (a lost phone)",
                    roles(EnumSet.of(Role.ADMINISTRATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/admin/keys/rotate",
                    "rotate the personal-data key (re-encrypts every sealed field)",
                    roles(EnumSet.of(Role.ADMINISTRATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/admin/accounts/*/unblock",
                    "lift the exfiltration guard's block of an account",
                    roles(EnumSet.of(Role.ADMINISTRATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/custody/events",
                    "record custody events (one or a batch)",
                    roles(CUSTODY_RECORDERS)),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/custody/events/*/receipt",
                    "download an event's receipt (tlog-proof)",
                    roles(REGISTRY_READERS)),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/custody/events/*/opening",
                    "open an event's commitment (details and nonce; tallied by the read guard)",
                    roles(EnumSet.of(Role.REGISTRY_OFFICER, Role.AUDITOR, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/custody/openings",
                    "open every event in a range of the log (audit; beyond 50, an approved verification pass)",
                    roles(EnumSet.of(Role.AUDITOR))),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/exports",
                    "bulk exports: one's requests, those awaiting a second person's approval",
                    roles(EXPORT_APPROVERS)),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/exports",
                    "ask for a bulk export or a verification pass (what, filter, why)",
                    roles(EXPORT_REQUESTERS)),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/exports/*/approval",
                    "approve someone else's bulk export",
                    roles(EXPORT_APPROVERS)),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/traces",
                    "trace a recovered weapon",
                    roles(EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/crafted",
                    "record an untraceable weapon: its parts traced, its links proposed, its series",
                    roles(EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/crafted/*/links",
                    "an untraceable weapon's proposed links, each with its evidence, and its series",
                    roles(EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/crafted/series",
                    "the largest series of untraceable weapons, with their members and cases",
                    roles(EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/crafted/series/*",
                    "one series of untraceable weapons: its members, cases, first and last seen",
                    roles(EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/crafted/recluster",
                    "re-score every pair of untraceable weapons and rebuild their links and series",
                    roles(EnumSet.of(Role.ADMINISTRATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/comparisons/agreements",
                    "make an agreement to compare lists with a foreign partner: its caps and what the partner learns",
                    roles(EnumSet.of(Role.ADMINISTRATOR))),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/comparisons/agreements",
                    "the comparison agreements (a partner sees its own)",
                    roles(EnumSet.of(Role.ADMINISTRATOR, Role.TRACE_ANALYST, Role.FOREIGN_PARTNER))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/comparisons/agreements/*/sessions",
                    "open a comparison session under one's own agreement",
                    roles(EnumSet.of(Role.FOREIGN_PARTNER))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/comparisons/agreements/*/tokens",
                    "our list's tokens under one's own agreement, to check new items against one at a time",
                    roles(EnumSet.of(Role.FOREIGN_PARTNER))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/comparisons/agreements/*/check",
                    "one new item checked: its blinded element evaluated once, counted and limited a minute",
                    roles(EnumSet.of(Role.FOREIGN_PARTNER))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/comparisons/sessions/*",
                    "send one's blinded list for a session, once, and get the evaluations and our tokens",
                    roles(EnumSet.of(Role.FOREIGN_PARTNER))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/comparisons/sessions/*/proofs",
                    "open the positions a proven session chose, with their recovery events' proofs, and get the answer",
                    roles(EnumSet.of(Role.FOREIGN_PARTNER))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/comparisons/sessions/*/traces",
                    "the trace of one of one's own weapons a session matched (shown by its item and blind)",
                    roles(EnumSet.of(Role.FOREIGN_PARTNER))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/comparisons/remotes",
                    "keep another Rastro's agreement with us: its address, number and the key it issued us",
                    roles(EnumSet.of(Role.ADMINISTRATOR))),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/comparisons/remotes",
                    "the other Rastros we compare with (never their keys)",
                    roles(EnumSet.of(Role.ADMINISTRATOR, Role.TRACE_ANALYST))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/comparisons/remotes/*/runs",
                    "compare our recovered weapons with another Rastro's list; matches recorded on each weapon",
                    roles(EnumSet.of(Role.ADMINISTRATOR, Role.TRACE_ANALYST))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/investigations",
                    "open an investigation that phone records and their analyses belong to",
                    roles(PHONE_ANALYSTS)),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/investigations",
                    "the investigations: numbers and titles",
                    roles(PHONE_ANALYSTS)),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/investigations/*/warrants",
                    "record a warrant: its court, judge, dates, window and what it covers",
                    roles(PHONE_ANALYSTS)),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/investigations/*/warrants",
                    "an investigation's warrants and what they cover",
                    roles(PHONE_ANALYSTS)),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/phone-templates",
                    "the operators' layouts an import of phone records may name",
                    roles(PHONE_ANALYSTS)),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/warrants/*/imports",
                    "import an operator's file of call records under a warrant (rows outside it refused and counted)",
                    roles(PHONE_ANALYSTS)),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/investigations/*/phone-links",
                    "link a phone to a person by evidence (subscriber record, seized handset, declared number)",
                    roles(PHONE_ANALYSTS)),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/investigations/*/weapons/*/network",
                    "from a weapon to the people it was issued to, their phones and their contacts (with a purpose)",
                    roles(PHONE_ANALYSTS)),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/investigations/*/lots/*/network",
                    "from a lot to the units that drew it, the people it was issued to, their phones and contacts",
                    roles(PHONE_ANALYSTS)),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/cell-sites",
                    "import an operator's list of cell sites (where each antenna is, where it points, how far)",
                    roles(PHONE_ANALYSTS)),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/investigations/*/closure",
                    "close an investigation with the date until which its phone records are kept",
                    roles(PHONE_ANALYSTS)),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/investigations/*/destruction",
                    "destroy a closed investigation's phone records once their retention date has come",
                    roles(PHONE_ANALYSTS)),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/investigations/*/phones/**",
                    "analyses of an investigation's phone records, with a stated purpose, audited",
                    roles(PHONE_ANALYSTS)),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/crafted/*/links/*",
                    "confirm or reject a proposed link between two untraceable weapons, with a reason",
                    roles(EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/traces/batch",
                    "trace many recoveries from a CSV file",
                    roles(EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/traces/**",
                    "read a trace, its people and photos, and its report (PDF)",
                    roles(EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/traces/*/photos",
                    "add a photo of the weapon to a trace",
                    roles(EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR))),
            new Rule(HttpMethod.POST, "/api/v1/counts", "open an inventory count", roles(COUNTERS)),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/counts/*/weapons",
                    "enter counted serials (by hand, scanned, a file)",
                    roles(COUNTERS)),
            new Rule(HttpMethod.POST, "/api/v1/counts/*/lots", "enter counted lot quantities", roles(COUNTERS)),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/counts/*/corrections",
                    "correct a capture error with a new entry naming the one it corrects",
                    roles(COUNTERS)),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/counts/*/signatures",
                    "sign a count (the second signature closes it)",
                    roles(COUNTERS)),
            new Rule(HttpMethod.GET, "/api/v1/counts", "list inventory counts", roles(COUNT_READERS)),
            new Rule(HttpMethod.GET, "/api/v1/counts/**", "read a count and its reconciliation", roles(COUNT_READERS)),
            new Rule(HttpMethod.GET, "/api/v1/discrepancies", "list discrepancy cases", roles(COUNT_READERS)),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/discrepancies/*",
                    "read a discrepancy case and its trail",
                    roles(COUNT_READERS)),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/discrepancies/*/investigate",
                    "take up a discrepancy case",
                    roles(COUNTERS)),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/discrepancies/*/resolve",
                    "resolve a discrepancy with a custody event",
                    roles(EnumSet.of(Role.REGISTRY_OFFICER, Role.ARMORY_CLERK, Role.UNIT_COMMANDER))),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/accountability/review",
                    "review risk scores now and raise the alerts due",
                    roles(EnumSet.of(Role.INSPECTOR))),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/accountability/risk/people",
                    "risk of people (matrículas, personal data)",
                    roles(EnumSet.of(Role.INSPECTOR, Role.UNIT_COMMANDER))),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/accountability/**",
                    "loss table, ordnance accounting, risk of units and lots",
                    roles(EnumSet.of(Role.INSPECTOR, Role.UNIT_COMMANDER, Role.AUDITOR))),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/partner/traces",
                    "trace results for weapons of the partner's own country",
                    roles(EnumSet.of(Role.FOREIGN_PARTNER))),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/partner/traces/*",
                    "one trace result for a weapon of the partner's own country",
                    roles(EnumSet.of(Role.FOREIGN_PARTNER))),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/audit/chain",
                    "check the audit trail's hash chain against the latest signed checkpoint",
                    roles(EnumSet.of(Role.AUDITOR))),
            new Rule(
                    HttpMethod.GET,
                    "/api/v1/ledger/witnesses",
                    "the log's witnesses: the policy, each one's last answer, the latest cosigned checkpoint",
                    roles(EnumSet.of(Role.AUDITOR, Role.ADMINISTRATOR))),
            new Rule(HttpMethod.GET, "/api/v1/alerts", "read one's alerts (and one's organisation's)", ANY_ACCOUNT),
            new Rule(
                    HttpMethod.POST,
                    "/api/v1/alerts/*/acknowledge",
                    "acknowledge an alert with a reason",
                    ANY_ACCOUNT));

    /** Page rules (browser session with form login and CSRF). */
    public static final List<Rule> WEB = List.of(
            new Rule(HttpMethod.GET, "/actuator/health", "health check", PUBLIC),
            new Rule(HttpMethod.GET, "/actuator/health/**", "health check", PUBLIC),
            new Rule(null, "/login", "sign in", PUBLIC),
            new Rule(null, "/setup", "first administrator set-up page", PUBLIC),
            new Rule(HttpMethod.GET, "/css/**", "static assets", PUBLIC),
            new Rule(HttpMethod.GET, "/webjars/**", "static assets", PUBLIC),
            new Rule(HttpMethod.GET, "/_static/**", "static assets (mvnpm: charts)", PUBLIC),
            new Rule(HttpMethod.GET, "/js/**", "static assets (page scripts)", PUBLIC),
            new Rule(HttpMethod.GET, "/vendor/**", "static assets (vendored libraries: tools/vendor)", PUBLIC),
            new Rule(HttpMethod.GET, "/favicon.ico", "static assets", PUBLIC),
            new Rule(null, "/error", "error page", PUBLIC),
            new Rule(
                    HttpMethod.GET,
                    "/ledger/**",
                    "read the custody log: checkpoint, verifier key, tiles (commitments only)",
                    PUBLIC),
            new Rule(
                    HttpMethod.GET,
                    "/v3/api-docs/**",
                    "the API described (OpenAPI 3.1): what integrators build against",
                    PUBLIC),
            new Rule(HttpMethod.GET, "/v3/api-docs", "the API described (OpenAPI 3.1)", PUBLIC),
            new Rule(HttpMethod.GET, "/v3/api-docs.yaml", "the API described (OpenAPI 3.1, YAML)", PUBLIC),
            new Rule(HttpMethod.GET, "/swagger-ui/**", "the API described, as a browsable page", ANY_ACCOUNT),
            new Rule(HttpMethod.GET, "/swagger-ui.html", "the API described, as a browsable page", ANY_ACCOUNT),
            new Rule(HttpMethod.GET, "/", "home page", ANY_ACCOUNT),
            new Rule(HttpMethod.POST, "/logout", "sign out", ANY_ACCOUNT),
            new Rule(
                    HttpMethod.GET,
                    "/registry/**",
                    "registry pages: search, dossier, holdings",
                    roles(REGISTRY_READERS)),
            new Rule(
                    HttpMethod.POST,
                    "/custody/weapons/*/issue",
                    "issue a weapon to a person (form on its page)",
                    roles(EnumSet.of(Role.REGISTRY_OFFICER, Role.ARMORY_CLERK, Role.UNIT_COMMANDER))),
            new Rule(
                    HttpMethod.POST,
                    "/custody/weapons/*/return",
                    "take a weapon back from a person (form on its page)",
                    roles(EnumSet.of(Role.REGISTRY_OFFICER, Role.ARMORY_CLERK, Role.UNIT_COMMANDER))),
            new Rule(HttpMethod.GET, "/admin/**", "administration pages", roles(EnumSet.of(Role.ADMINISTRATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/admin/**",
                    "administration forms: create, disable, enable an account, re-enrol its second factor, lift a"
                            + " block",
                    roles(EnumSet.of(Role.ADMINISTRATOR))),
            new Rule(
                    HttpMethod.GET,
                    "/audit/access",
                    "the audit trail: who read, changed or was refused what",
                    roles(EnumSet.of(Role.AUDITOR))),
            new Rule(
                    HttpMethod.GET,
                    "/audit/ledger",
                    "the custody log: checkpoint, and one event verified (inclusion, opening)",
                    roles(EnumSet.of(Role.REGISTRY_OFFICER, Role.AUDITOR, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.GET,
                    "/audit/ledger/receipt",
                    "one event's receipt to download (a C2SP tlog-proof)",
                    roles(EnumSet.of(Role.REGISTRY_OFFICER, Role.AUDITOR, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.GET,
                    "/tracing/**",
                    "tracing pages: recent traces, a trace's report",
                    roles(EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.GET,
                    "/investigations",
                    "page: the investigations of phone records",
                    roles(PHONE_ANALYSTS)),
            new Rule(
                    HttpMethod.GET,
                    "/investigations/chart.*",
                    "the link chart as CSV or PDF for the court file, once a second person approved it",
                    roles(PHONE_ANALYSTS)),
            new Rule(
                    HttpMethod.GET,
                    "/investigations/*",
                    "page: an investigation's workspace (warrants, imports, where to start a chart)",
                    roles(PHONE_ANALYSTS)),
            new Rule(
                    HttpMethod.GET,
                    "/investigations/*/chart",
                    "page: the link chart from a lot, a weapon or a phone, with a purpose, audited",
                    roles(PHONE_ANALYSTS)),
            new Rule(
                    HttpMethod.GET,
                    "/investigations/*/phones/records",
                    "page: the records behind a link, with a purpose, audited",
                    roles(PHONE_ANALYSTS)),
            new Rule(
                    HttpMethod.GET,
                    "/tracing",
                    "tracing page",
                    roles(EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.GET,
                    "/crafted",
                    "untraceable weapons: their series and the latest recorded",
                    roles(EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.GET,
                    "/crafted/*",
                    "an untraceable weapon: its description, parts' traces, proposed links and series",
                    roles(EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/crafted/*/links/*",
                    "confirm or reject a proposed link (form)",
                    roles(EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.GET,
                    "/comparisons",
                    "comparisons with partners: agreements, their caps and sessions with their counts (a partner its own)",
                    roles(EnumSet.of(Role.ADMINISTRATOR, Role.TRACE_ANALYST, Role.FOREIGN_PARTNER))),
            new Rule(
                    HttpMethod.POST,
                    "/comparisons/agreements",
                    "make a comparison agreement (form)",
                    roles(EnumSet.of(Role.ADMINISTRATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/comparisons/agreements/*/sessions",
                    "open a comparison session from the partner's page (its list is blinded in the browser)",
                    roles(EnumSet.of(Role.FOREIGN_PARTNER))),
            new Rule(
                    HttpMethod.POST,
                    "/comparisons/sessions/*",
                    "send the blinded list from the partner's page, once",
                    roles(EnumSet.of(Role.FOREIGN_PARTNER))),
            new Rule(
                    HttpMethod.POST,
                    "/comparisons/sessions/*/traces",
                    "the trace of one of the partner's own matched weapons, from its page",
                    roles(EnumSet.of(Role.FOREIGN_PARTNER))),
            new Rule(
                    HttpMethod.POST,
                    "/comparisons/remotes",
                    "keep another Rastro's agreement with us (form)",
                    roles(EnumSet.of(Role.ADMINISTRATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/comparisons/remotes/*/runs",
                    "compare our recovered weapons with another Rastro's list (form)",
                    roles(EnumSet.of(Role.ADMINISTRATOR, Role.TRACE_ANALYST))),
            new Rule(
                    HttpMethod.POST,
                    "/crafted",
                    "record an untraceable weapon (form)",
                    roles(EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/tracing",
                    "trace a recovered weapon (form)",
                    roles(EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/tracing/batch",
                    "trace a file of recoveries as a job (form)",
                    roles(EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.POST,
                    "/tracing/*/photos",
                    "add a photo of the weapon to a trace (form)",
                    roles(EnumSet.of(Role.TRACE_ANALYST, Role.INVESTIGATOR))),
            new Rule(
                    HttpMethod.GET,
                    "/people",
                    "who holds what, a person by matrícula or full name",
                    roles(PEOPLE_KEEPERS)),
            new Rule(
                    HttpMethod.GET,
                    "/people/*",
                    "a person's sheet: what they hold, their PIN's state (personal data)",
                    roles(PEOPLE_KEEPERS)),
            new Rule(
                    HttpMethod.POST,
                    "/people/*/pin",
                    "record or change the PIN a person types to confirm hand-overs (a reset: commanders, inspectors)",
                    roles(PEOPLE_KEEPERS)),
            new Rule(HttpMethod.GET, "/counts", "inventory counts: list, open form", roles(COUNT_READERS)),
            new Rule(HttpMethod.GET, "/counts/*", "a count and its reconciliation", roles(COUNT_READERS)),
            new Rule(HttpMethod.POST, "/counts", "open a count (form)", roles(COUNTERS)),
            new Rule(HttpMethod.POST, "/counts/*/weapons", "enter counted serials (form)", roles(COUNTERS)),
            new Rule(HttpMethod.POST, "/counts/*/lots", "enter a counted lot (form)", roles(COUNTERS)),
            new Rule(HttpMethod.POST, "/counts/*/corrections", "correct a capture error (form)", roles(COUNTERS)),
            new Rule(HttpMethod.POST, "/counts/*/sign", "sign a count (form)", roles(COUNTERS)),
            new Rule(
                    HttpMethod.POST,
                    "/counts/*/cases/*/resolve",
                    "resolve a discrepancy with a custody event (form)",
                    roles(EnumSet.of(Role.REGISTRY_OFFICER, Role.ARMORY_CLERK, Role.UNIT_COMMANDER))),
            new Rule(
                    HttpMethod.GET,
                    "/accountability",
                    "national loss table and risk tables",
                    roles(EnumSet.of(Role.INSPECTOR, Role.UNIT_COMMANDER, Role.AUDITOR))),
            new Rule(
                    HttpMethod.GET,
                    "/accountability/losses.csv",
                    "the national loss table as CSV (same filters)",
                    roles(EnumSet.of(Role.INSPECTOR, Role.UNIT_COMMANDER, Role.AUDITOR))),
            new Rule(
                    HttpMethod.GET,
                    "/accountability/units/*",
                    "a unit's accountability sheet",
                    roles(EnumSet.of(Role.INSPECTOR, Role.UNIT_COMMANDER, Role.AUDITOR))),
            new Rule(
                    HttpMethod.GET,
                    "/dashboards/recoveries",
                    "the recoveries behind a dashboard figure, with their traces",
                    roles(DASHBOARD_DETAIL)),
            new Rule(
                    HttpMethod.GET,
                    "/dashboards/recoveries.csv",
                    "the recoveries behind a dashboard figure as CSV",
                    roles(DASHBOARD_DETAIL)),
            new Rule(
                    HttpMethod.GET,
                    "/dashboards",
                    "dashboards: map and charts (exact figures for trace readers and inspectors,"
                            + " small counts suppressed for everyone else)",
                    ANY_ACCOUNT),
            new Rule(
                    HttpMethod.GET,
                    "/dashboards/states/*",
                    "a state's municipalities on the dashboard map (same suppression)",
                    ANY_ACCOUNT),
            new Rule(HttpMethod.GET, "/dashboards/geo/**", "offline base map of the states", ANY_ACCOUNT),
            new Rule(
                    HttpMethod.GET,
                    "/exports",
                    "bulk exports: one's requests, those awaiting a second person's approval",
                    roles(EXPORT_APPROVERS)),
            new Rule(
                    HttpMethod.POST,
                    "/exports",
                    "ask for a bulk export or a verification pass (what, filter, why)",
                    roles(EXPORT_REQUESTERS)),
            new Rule(
                    HttpMethod.POST,
                    "/exports/*/approve",
                    "approve someone else's bulk export",
                    roles(EXPORT_APPROVERS)),
            new Rule(
                    HttpMethod.GET,
                    "/partner",
                    "trace results for weapons of the partner's own country (page)",
                    roles(EnumSet.of(Role.FOREIGN_PARTNER))),
            new Rule(HttpMethod.GET, "/alerts", "one's alert inbox", ANY_ACCOUNT),
            new Rule(HttpMethod.POST, "/alerts/*/acknowledge", "close an alert with a reason (form)", ANY_ACCOUNT));
}

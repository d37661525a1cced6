package org.rastro.home;

import java.time.LocalDate;
import java.util.List;
import org.rastro.accountability.RiskScores;
import org.rastro.alerts.Alerts;
import org.rastro.registry.RegistryService;
import org.rastro.security.AccessMatrix;
import org.rastro.security.Account;
import org.rastro.security.Jurisdictions;
import org.rastro.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page shows each role what it works on: the clerk and the commander their organisation's
 * stock and counts, the analyst their latest traces, the inspector and the commander the units at highest
 * risk (the commander's within their tree), the auditor the custody log; everyone their open alerts and
 * the tasks their role has.
 */
@Controller
class HomeController {

    private final RegistryService registry;
    private final Alerts alerts;
    private final RiskScores risk;
    private final JdbcClient jdbc;
    private final Jurisdictions jurisdictions;

    HomeController(
            RegistryService registry, Alerts alerts, RiskScores risk, JdbcClient jdbc, Jurisdictions jurisdictions) {
        this.jurisdictions = jurisdictions;
        this.registry = registry;
        this.alerts = alerts;
        this.risk = risk;
        this.jdbc = jdbc;
    }

    /** An organisation's weapons by custody state now, and its counts still open. */
    record Stock(String code, String name, long held, long issued, long inTransit, long openCounts) {}

    /** One of the user's own traces. */
    record MyTrace(long id, String caseNumber, LocalDate recoveredOn, String serialAsRead, String outcome) {}

    /** A task a home page can offer: the page that does it and its words. */
    record Task(String path, String label) {}

    /**
     * Every task a home page may offer, in the order a person would look for them. Each role's home lists
     * those its access rules open to it (the same rules the filter chain enforces), so no link on a home
     * page leads to a refusal.
     */
    static final List<Task> TASKS = List.of(
            new Task("/partner", "home.task.partner"),
            new Task("/tracing", "home.task.tracing"),
            new Task("/crafted", "home.task.crafted"),
            new Task("/comparisons", "home.task.comparisons"),
            new Task("/registry/search", "home.task.search"),
            new Task("/people", "home.task.people"),
            new Task("/counts", "home.task.counts"),
            new Task("/registry/organisations", "home.task.organisations"),
            new Task("/accountability", "home.task.accountability"),
            new Task("/alerts", "home.task.alerts"),
            new Task("/dashboards", "home.task.dashboards"),
            new Task("/audit/ledger", "home.task.ledger"),
            new Task("/audit/access", "home.task.access"),
            new Task("/exports", "home.task.exports"),
            new Task("/admin/accounts", "home.task.admin"));

    static List<Task> tasksOf(Role role) {
        return TASKS.stream()
                .filter(t -> AccessMatrix.pageOpensFor(role, t.path()))
                .toList();
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal Account account, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("totals", registry.totals());
        List<Alerts.Alert> open = alerts.forUser(account.id(), true);
        model.addAttribute("openAlerts", open.size());
        model.addAttribute("alerts", open.stream().limit(5).toList());
        Role role = account.role();
        model.addAttribute("tasks", tasksOf(role));
        if ((role == Role.ARMORY_CLERK || role == Role.UNIT_COMMANDER) && account.organisationId() != null) {
            model.addAttribute(
                    "stock",
                    jdbc.sql("""
                    with here as (
                        select c.state from weapon_custody c where c.holder_id = :org
                        union all
                        select 'HELD' from weapon w
                         where w.holder_id = :org and not exists (select 1 from weapon_custody c where c.weapon_id = w.id))
                    select o.code, o.name, count(*) filter (where h.state = 'HELD') as held,
                           count(*) filter (where h.state = 'ISSUED') as issued,
                           count(*) filter (where h.state = 'IN_TRANSIT') as in_transit,
                           (select count(*) from count_session s where s.holder_id = o.id and s.status = 'OPEN') as open_counts
                      from organisation o left join here h on true
                     where o.id = :org
                     group by o.id, o.code, o.name
                    """)
                            .param("org", account.organisationId())
                            .query(Stock.class)
                            .optional()
                            .orElse(null));
        }
        if (role == Role.TRACE_ANALYST || role == Role.INVESTIGATOR) {
            model.addAttribute(
                    "traces",
                    jdbc.sql("""
                    select id, case_number, recovered_on, serial_as_read, result ->> 'outcome' as outcome
                      from trace where requested_by = :user order by id desc limit 5
                    """)
                            .param("user", account.id())
                            .query(MyTrace.class)
                            .list());
        }
        if (role == Role.INSPECTOR || role == Role.UNIT_COMMANDER) {
            // A commander's riskiest units are those of their own tree: each links to a sheet they may open.
            var within = jurisdictions.organisations();
            model.addAttribute(
                    "riskUnits",
                    risk.units().stream()
                            .filter(u -> within.test(u.holder()))
                            .limit(5)
                            .toList());
        }
        if (role == Role.AUDITOR || role == Role.REGISTRY_OFFICER) {
            model.addAttribute(
                    "logSize",
                    jdbc.sql("select coalesce(max(size), 0) from ledger_checkpoint")
                            .query(Long.class)
                            .single());
        }
        return "home";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }
}

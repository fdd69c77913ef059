package org.lvs.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lvs.contract.triage.Pathway;
import org.lvs.sla.config.CapacityPolicy;
import org.lvs.sla.persistence.CaseQueries;
import org.lvs.sla.persistence.CaseQueries.WorkerLoad;
import org.lvs.sla.rest.dto.WorkerCaseload;

/**
 * Each worker's open cases against the capacity of their pathway: the pathway most of their open cases are on (the
 * first by name on a tie). Over capacity means more than capacity.
 */
@ApplicationScoped
public class Caseloads {

    private final CaseQueries queries;
    private final CapacityPolicy capacity;

    Caseloads(CaseQueries queries, CapacityPolicy capacity) {
        this.queries = queries;
        this.capacity = capacity;
    }

    public List<WorkerCaseload> all() {
        Map<String, List<WorkerLoad>> byWorker = new LinkedHashMap<>();
        for (WorkerLoad load : queries.openCasesPerWorker()) {
            byWorker.computeIfAbsent(load.worker(), w -> new ArrayList<>()).add(load);
        }
        List<WorkerCaseload> caseloads = new ArrayList<>();
        byWorker.forEach((worker, loads) -> caseloads.add(caseload(worker, loads)));
        return caseloads;
    }

    private WorkerCaseload caseload(String worker, List<WorkerLoad> loads) {
        long open = 0;
        long largest = -1;
        String pathway = null;
        Map<String, Long> byPathway = new LinkedHashMap<>();
        for (WorkerLoad load : loads) {
            open += load.openCases();
            byPathway.put(load.pathway() == null ? "NONE" : load.pathway(), load.openCases());
            if (load.pathway() != null && load.openCases() > largest) {
                largest = load.openCases();
                pathway = load.pathway();
            }
        }
        Integer cap = pathway == null ? null : capacity.of(Pathway.valueOf(pathway));
        return new WorkerCaseload(worker, pathway, open, cap, cap != null && open > cap, byPathway);
    }
}

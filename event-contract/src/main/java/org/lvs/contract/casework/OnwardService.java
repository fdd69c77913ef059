package org.lvs.contract.casework;

/** Onward support services whose waiting time is tracked. */
public enum OnwardService {
    COUNSELLING,
    THERAPY,
    PEER_SUPPORT,
    GROUP_PROGRAMME,
    OTHER
}

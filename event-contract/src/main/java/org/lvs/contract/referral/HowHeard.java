package org.lvs.contract.referral;

/** How a victim heard of the service (mainly self-referrals). */
public enum HowHeard {
    POLICE,
    SOCIAL_MEDIA,
    WEBSITE,
    FRIEND_OR_FAMILY,
    HEALTH_SERVICE,
    SCHOOL,
    PARTNER_AGENCY,
    ADVERTISING,
    OTHER
}

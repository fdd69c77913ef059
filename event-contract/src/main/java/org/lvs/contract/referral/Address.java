package org.lvs.contract.referral;

/** A postal address; usable for contact when {@code line1} and {@code postcode} are both present. */
public record Address(String line1, String line2, String town, String postcode) {

    public boolean usableForContact() {
        return ContactRules.notBlank(line1) && ContactRules.notBlank(postcode);
    }
}

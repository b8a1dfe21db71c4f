package fr.paris.casvp.keycloak.authenticators.support;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/** A row about one user of the realm (a browser, a network, a lockout counter). */
@MappedSuperclass
public abstract class UserRow extends RealmRow {

    @Column(name = "USER_ID", length = 255, nullable = false)
    private String userId;

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }
}
